using System;
using System.Diagnostics;
using System.IO;

namespace NetGen.Tests.Cli;

/// <summary>One run of the built CatClassifier sample (<c>dotnet CatClassifier.dll</c>, copied beside the tests): exit code and both outputs.</summary>
public sealed record CatClassifierRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static CatClassifierRun Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CatClassifier.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"CatClassifier {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }
        return new CatClassifierRun(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>A folder of course-style data files under Fixtures/CatClassifier (made by tests/fixtures/cat_classifier.py).</summary>
    public static string FixtureFolder(string name) =>
        Path.GetDirectoryName(Infrastructure.Fixture.Path($"CatClassifier/{name}/train_catvnoncat.h5"))!;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
