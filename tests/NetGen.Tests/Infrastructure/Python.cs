using System;
using System.Diagnostics;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// Runs a live python for the tests that need one (NetGen writes a file, numpy reads it back). Each such test first
/// calls <see cref="Requires.Python"/> with the modules it imports, so a machine without them skips it (CI fails it).
/// Files the libraries write for NetGen to read are committed fixtures instead (<see cref="Fixture"/>).
/// </summary>
public static class Python
{
    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Requires.Python("numpy"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"python3 exited with {process.ExitCode}:\n{errorTask.Result}\nscript:\n{script}");
        return output;
    }
}
