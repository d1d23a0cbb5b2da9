using System;
using System.IO;
using System.Linq;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// Where one test's snapshot files live and how they are named, after Verify:
/// <c>{Directory}/{Class}.{Method}[#{Name}].{verified|received}.{extension}</c>.
/// </summary>
internal sealed record SnapshotLocation(string Directory, string ClassName, string MethodName)
{
    /// <summary>The folder, beside the test project file, that holds every snapshot.</summary>
    public const string FolderName = "Snapshots";

    /// <summary>The <c>{Class}.{Method}</c> part every file name of this test starts with.</summary>
    public string Prefix => $"{ClassName}.{MethodName}";

    /// <summary>
    /// The location for the test method <paramref name="testMethod"/> in <paramref name="testFilePath"/>: the
    /// class name is the file name (test classes live in files of the same name) and the folder is
    /// <c>Snapshots</c> beside the nearest project file above the test file.
    /// </summary>
    public static SnapshotLocation FromCaller(string testFilePath, string testMethod)
    {
        if (string.IsNullOrEmpty(testFilePath) || string.IsNullOrEmpty(testMethod))
            throw new ArgumentException("Snapshots need the calling test's file and method; do not pass the caller-info arguments explicitly as empty.");
        // A path-mapped build (ContinuousIntegrationBuild) gives "/_/tests/..." which is not on disk; the
        // test binaries sit under the project folder (bin/...), so look upwards from there instead.
        var projectDirectory = FindProjectDirectory(Path.GetDirectoryName(testFilePath))
            ?? FindProjectDirectory(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                $"No folder with a .csproj above the test file '{testFilePath}' or the test binaries '{AppContext.BaseDirectory}'.");
        return new(Path.Combine(projectDirectory, FolderName), Path.GetFileNameWithoutExtension(testFilePath), testMethod);
    }

    /// <summary>The file of <paramref name="target"/> in the given <paramref name="state"/> (<c>verified</c> or <c>received</c>).</summary>
    public string PathOf(SnapshotTarget target, string state) =>
        Path.Combine(Directory, $"{Prefix}{(string.IsNullOrEmpty(target.Name) ? "" : "#" + target.Name)}.{state}.{target.Extension}");

    /// <summary>Every existing file of this test in the given <paramref name="state"/>.</summary>
    public string[] ExistingFiles(string state) =>
        !System.IO.Directory.Exists(Directory)
            ? []
            : System.IO.Directory.EnumerateFiles(Directory, $"{Prefix}.{state}.*")
                .Concat(System.IO.Directory.EnumerateFiles(Directory, $"{Prefix}#*.{state}.*"))
                .ToArray();

    static string? FindProjectDirectory(string? start)
    {
        for (var directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            if (System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFiles(directory, "*.csproj").Any())
                return directory;
        return null;
    }
}

/// <summary>One snapshot file's content: <paramref name="Name"/> follows <c>#</c> in the file name when not empty.</summary>
internal readonly record struct SnapshotTarget(string? Name, string Extension, string Text);
