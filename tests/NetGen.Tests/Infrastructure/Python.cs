using System;
using System.Diagnostics;
using System.IO;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// Runs Debian's python3 (with python3-numpy and python3-h5py, installed by .ci/run) for interop tests
/// against the real libraries. A missing interpreter fails the test with the install command.
/// </summary>
public static class Python
{
    static readonly Lazy<string> Interpreter = new(FindInterpreter);

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter.Value)
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

    static string FindInterpreter()
    {
        // pyenv's shim may shadow Debian's interpreter on PATH; the Debian one is the one apt's numpy serves.
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            if (candidate.StartsWith('/') && !File.Exists(candidate)) continue;
            try
            {
                var start = new ProcessStartInfo(candidate, "-c \"import numpy, h5py\"") { UseShellExecute = false, RedirectStandardError = true };
                using var process = Process.Start(start)!;
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception) { }
        }
        throw new InvalidOperationException(
            "Interop tests need python3 with numpy and h5py: apt-get install -y python3-numpy python3-h5py (.ci/run does this).");
    }
}
