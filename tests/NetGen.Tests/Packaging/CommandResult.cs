namespace NetGen.Tests.Packaging;

/// <summary>What one finished <c>dotnet</c> command printed and returned.</summary>
/// <param name="CommandLine">The command as a shell would show it, for failure messages.</param>
/// <param name="WorkingDirectory">Where it ran.</param>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record CommandResult(string CommandLine, string WorkingDirectory, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The command, its folder, exit code and both streams, ready to put in a failure message.</summary>
    public string Describe() =>
        $"""
        `{CommandLine}` in {WorkingDirectory} exited with {ExitCode}.
        ----- stdout -----
        {StandardOutput.TrimEnd()}
        ----- stderr -----
        {StandardError.TrimEnd()}
        ------------------
        """;
}
