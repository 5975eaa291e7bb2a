using Microsoft.AspNetCore.DataProtection;

namespace CallCenter.Node.Auth;

/// <summary>
/// Loads the Data Protection key ring when the node starts, under <see cref="SignInStateStore.LockKeyCreationAsync"/>:
/// on an empty table the first node creates the key and the others, waiting on the lock, read it. Without this each
/// node would create its own key at its first sign-in, and a node reads a key it has not seen only in its first two
/// minutes (Data Protection's auto-refresh window) or at its next daily refresh: a cookie from another node would
/// be refused until then.
/// </summary>
public sealed class KeyRingStartup(SignInStateStore store, IDataProtectionProvider dataProtection, ILogger<KeyRingStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (await store.LockKeyCreationAsync(cancellationToken))
            dataProtection.CreateProtector(nameof(KeyRingStartup)).Protect([]);
        log.LogInformation("Data Protection key ring in {Location}", store.Location);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
