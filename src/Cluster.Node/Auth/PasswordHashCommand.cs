namespace CallCenter.Node.Auth;

/// <summary>
/// <c>CallCenter.Node hash-password</c>: reads a password from standard input (the first line, or all of it
/// without its final line break) and prints its hash for an agent's <c>passwordHash:</c>, and nothing else.
/// </summary>
public static class PasswordHashCommand
{
    public const string Name = "hash-password";

    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error)
    {
        var password = (await input.ReadLineAsync())?.TrimEnd('\r');
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("hash-password: no password on standard input (echo -n 'secret' | ... hash-password)");
            return 2;
        }
        await output.WriteLineAsync(PasswordHashes.Hash(password));
        return 0;
    }
}
