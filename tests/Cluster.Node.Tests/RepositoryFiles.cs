namespace CallCenter.Node.Tests;

/// <summary>Files of the repository the tests read, found from the test assembly's folder upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string SampleDefinition => Path.Combine(Root, "config", "callcenter.yaml");

    /// <summary>The shipped prompts, which the sample definition's flows and queues play.</summary>
    public static string Prompts => Path.Combine(Root, "config", "prompts");

    /// <summary>The sample customer directory README's import command sends.</summary>
    public static string SampleCustomers => Path.Combine(Root, "config", "customers.csv");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CallCenter.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"CallCenter.sln not found above {AppContext.BaseDirectory}");
    }
}
