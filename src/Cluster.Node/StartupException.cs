namespace CallCenter.Node;

/// <summary>
/// A problem an operator must fix before the node can start (bad option, bad definition file).
/// Program prints <see cref="Exception.Message"/> alone on stderr and exits non-zero: no stack trace.
/// </summary>
public class StartupException(string message) : Exception(message);
