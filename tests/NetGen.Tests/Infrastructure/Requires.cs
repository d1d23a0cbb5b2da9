using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// What a test needs beyond the .NET SDK: a live python with some modules, or the course's data. Where it is missing
/// the test is reported skipped, with the reason and how to get it; under CI (<c>CI=true</c>) it fails instead, so CI
/// never passes with tests that did not run. Call it first in the test.
/// </summary>
public static class Requires
{
    /// <summary>Debian's package for each python module the tests import.</summary>
    static readonly Dictionary<string, string> Packages = new()
    {
        ["numpy"] = "python3-numpy",
        ["h5py"] = "python3-h5py",
        ["sklearn"] = "python3-sklearn",
        ["torch"] = "python3-torch",
        ["onnx"] = "python3-onnx",
        ["PIL"] = "python3-pil",
        ["threadpoolctl"] = "python3-threadpoolctl",
    };

    static readonly ConcurrentDictionary<string, string?> Interpreters = new();

    static readonly Lazy<string?> CourseDataFolder = new(FindCourseData);

    /// <summary>Whether this is a CI run, where a missing prerequisite is a failure.</summary>
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A python interpreter that imports every one of <paramref name="modules"/> (Debian's /usr/bin/python3 first: a
    /// pyenv shim may shadow it on PATH); skips the test, or fails it under CI, when there is none.
    /// </summary>
    public static string Python(params string[] modules)
    {
        var key = string.Join(",", modules.Order(StringComparer.Ordinal));
        var interpreter = Interpreters.GetOrAdd(key, _ => FindInterpreter(modules));
        if (interpreter is null)
        {
            var packages = modules.Select(module => Packages.TryGetValue(module, out var package) ? package : $"(the package of {module})");
            Missing($"python3 with {string.Join(", ", modules)}", $"apt-get install -y {string.Join(" ", packages)}");
        }
        return interpreter!;
    }

    /// <summary>
    /// The folder of the course's train_catvnoncat.h5 and test_catvnoncat.h5: "shared/data" beside the clone or beside
    /// one of its ancestors (/work/main beside /work/shared; in CI /x/clone beside /x/shared). Skips the test, or fails
    /// it under CI, when there is none.
    /// </summary>
    public static string CourseData() =>
        CourseDataFolder.Value ?? Missing<string>(
            "the course's train_catvnoncat.h5 and test_catvnoncat.h5",
            "put them in a folder shared/data beside the clone (or beside one of its parent folders)");

    static void Missing(string what, string howToGetIt) => Missing<object>(what, howToGetIt);

    static T Missing<T>(string what, string howToGetIt)
    {
        var message = $"Needs {what}, which this machine lacks: {howToGetIt}.";
        if (IsCI) throw new XunitException($"{message} Under CI (CI=true) a missing prerequisite fails the test.");
        Assert.Skip(message);
        throw new UnreachableException();
    }

    static string? FindInterpreter(string[] modules)
    {
        // A leftover folder named like the module imports as an empty namespace package (no __file__): not installed.
        const string check = "import importlib, sys; sys.exit(0 if all(getattr(importlib.import_module(m), '__file__', None) for m in sys.argv[1:]) else 1)";
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            if (candidate.StartsWith('/') && !File.Exists(candidate)) continue;
            try
            {
                var start = new ProcessStartInfo(candidate) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add(check);
                foreach (var module in modules) start.ArgumentList.Add(module);
                using var process = Process.Start(start)!;
                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode == 0) return candidate;
            }
            catch (Win32Exception)
            {
            }
        }
        return null;
    }

    static string? FindCourseData()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "train_catvnoncat.h5")) && File.Exists(Path.Combine(candidate, "test_catvnoncat.h5")))
                return candidate;
        }
        return null;
    }
}
