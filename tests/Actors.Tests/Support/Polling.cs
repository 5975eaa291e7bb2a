namespace CallCenter.Actors.Tests.Support;

/// <summary>Bounded waiting for something another thread records (linked, with the recorders, into the other test projects).</summary>
public static class Polling
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Polls every 20 ms until <paramref name="condition"/> holds; after <see cref="Patience"/>, fails with what <paramref name="seen"/> says.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, Func<string> seen)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"{what} never held; {seen()}");
            await Task.Delay(20);
        }
    }
}
