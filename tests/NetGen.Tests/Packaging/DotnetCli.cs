using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace NetGen.Tests.Packaging;

/// <summary>
/// Runs the same <c>dotnet</c> the tests run on as a child process, isolated from the test host's MSBuild state and
/// leaving no build servers behind, and fails with the whole command output when a command does not do what it should.
/// </summary>
public static class DotnetCli
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Options every build-like command gets: no MSBuild nodes or compiler server outlive the command.</summary>
    public static readonly string[] NoServers = ["-nodeReuse:false", "-p:UseSharedCompilation=false"];

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its result, throwing if it exits with an error.</summary>
    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var result = Execute(workingDirectory, environment, arguments);
        if (result.ExitCode != 0)
            throw new InvalidOperationException("A dotnet command failed.\n" + result.Describe());
        return result;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its result, throwing if it succeeds.</summary>
    public static CommandResult RunExpectingFailure(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var result = Execute(workingDirectory, environment, arguments);
        if (result.ExitCode == 0)
            throw new InvalidOperationException("A dotnet command that should have failed succeeded.\n" + result.Describe());
        return result;
    }

    static CommandResult Execute(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Isolate(start.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var commandLine = "dotnet " + string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{commandLine}` in {workingDirectory} did not finish within {Timeout.TotalMinutes} minutes and was killed.\n"
                + $"----- stdout so far -----\n{Completed(output)}\n----- stderr so far -----\n{Completed(error)}");
        }
        // The streams end when every process holding them has exited; a build server started by mistake would hold them open.
        if (!Task.WaitAll([output, error], TimeSpan.FromMinutes(1)))
            throw new TimeoutException($"`{commandLine}` exited with {process.ExitCode}, but a process it started still holds its output open.");
        return new CommandResult(commandLine, workingDirectory, process.ExitCode, output.Result, error.Result);
    }

    static string Completed(Task<string> stream) => stream.Wait(TimeSpan.FromSeconds(5)) ? stream.Result : "(still open)";

    /// <summary>The dotnet host running these tests, so the child uses the same SDK installation.</summary>
    static string Executable()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    /// <summary>
    /// Drops what the test host inherited from the MSBuild that launched it (SDK paths, node settings), so the child
    /// resolves its own SDK like a command typed in a terminal, and keeps the output free of first-run banners.
    /// </summary>
    static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            environment.Remove(name);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["UseSharedCompilation"] = "false";
    }
}
