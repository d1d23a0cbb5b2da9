using System;
using System.Diagnostics;
using System.IO;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// Whether Debian's python3 has a module, for tests that need a live python. Under CI (<c>CI=true</c>) a missing
/// module fails the test with the install line. A local stand-in for the issue-10 skip mechanism, which should
/// replace it (reporting such tests SKIPPED on a bare machine instead of passing them unchecked).
/// </summary>
public static class LivePython
{
    public static bool Has(string module)
    {
        bool present = File.Exists("/usr/bin/python3") && Succeeds($"import {module}");
        if (!present && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"This test needs python3-{module}: apt-get install -y python3-{module}.");
        return present;
    }

    static bool Succeeds(string statement)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(statement);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
