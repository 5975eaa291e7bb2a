namespace CallCenter.Gateway.Tests.Sip.Transport;

/// <summary>Waits for a condition that another thread makes true (like AwaitAssert): polls, never sleeps a fixed time.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
