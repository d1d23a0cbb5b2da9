using System;
using System.IO;

namespace NetGen.Tests.Packaging;

/// <summary>The clone the tests run from: the nearest folder above the test binaries that holds NetGen.sln.</summary>
public static class RepositoryRoot
{
    static readonly Lazy<string> Root = new(Find);

    /// <summary>The absolute path of the folder that holds NetGen.sln.</summary>
    public static string Path => Root.Value;

    /// <summary>A path inside the clone, from '/'-separated parts relative to its root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    static string Find()
    {
        for (var directory = AppContext.BaseDirectory; !string.IsNullOrEmpty(directory); directory = System.IO.Path.GetDirectoryName(directory))
            if (File.Exists(System.IO.Path.Combine(directory, "NetGen.sln")))
                return System.IO.Path.TrimEndingDirectorySeparator(directory);
        throw new InvalidOperationException(
            $"No folder holding NetGen.sln above the test binaries at '{AppContext.BaseDirectory}'; the packaging tests run from a clone of the repository.");
    }
}
