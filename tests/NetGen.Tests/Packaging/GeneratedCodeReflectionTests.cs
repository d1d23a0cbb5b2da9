using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Packaging;

/// <summary>
/// The generated code must stay trimming- and NativeAOT-safe: no reflection at all, checked on every snapshot of
/// generated source (the snapshot tests keep those equal to what the generator emits).
/// </summary>
public sealed class GeneratedCodeReflectionTests
{
    static readonly string[] ReflectionMarkers = ["typeof(", "GetType(", "System.Reflection", "Activator.", "dynamic "];

    [Fact]
    public void GeneratedSource_UsesNoReflection()
    {
        var snapshots = Directory.GetFiles(RepositoryRoot.Combine("tests", "NetGen.Tests", "Snapshots"), "GeneratedSourceTests.*.verified.cs");
        Assert.True(snapshots.Length >= 5, $"Expected the generated-source snapshots in tests/NetGen.Tests/Snapshots, found {snapshots.Length}.");

        var uses = snapshots
            .SelectMany(file => File.ReadLines(file).Select((text, index) => (file, line: index + 1, text)))
            .Where(l => ReflectionMarkers.Any(marker => l.text.Contains(marker, StringComparison.Ordinal)))
            .Select(l => $"{Path.GetFileName(l.file)}({l.line}): {l.text.Trim()}")
            .ToArray();
        Assert.True(uses.Length == 0, "Generated code must not use reflection:\n" + string.Join('\n', uses));
    }
}
