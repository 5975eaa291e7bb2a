namespace CallCenter.Gateway.Tests.Sip.Torture;

/// <summary>The shared RFC 4475 / RFC 5118 corpus (a sibling of the repository: &lt;repo&gt;/../shared/sip-torture).</summary>
public static class TortureCorpus
{
    public sealed record Case(string Section, string File, string Kind, string Expected, string TcpExpected)
    {
        public byte[] Bytes => System.IO.File.ReadAllBytes(Path.Combine(Directory, File));

        public override string ToString() => File;
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "CallCenter.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("CallCenter.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Directory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "sip-torture"));

    public static IReadOnlyList<Case> Cases =>
        [.. System.IO.File.ReadAllLines(Path.Combine(Directory, "expect.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("section\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .Select(r => new Case(r[0], r[1], r[2], r[3], r.Length > 5 && r[5].Length > 0 ? r[5] : r[3]))];

    public static TheoryData<string> Files
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in Cases)
            {
                data.Add(c.File);
            }

            return data;
        }
    }

    public static Case Get(string file) => Cases.Single(c => c.File == file);
}
