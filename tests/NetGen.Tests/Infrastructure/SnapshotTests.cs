using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace NetGen.Tests.Infrastructure;

/// <summary>Tests of <see cref="Snapshot"/>, each in its own temporary snapshot folder.</summary>
public sealed class SnapshotTests : IDisposable
{
    readonly SnapshotLocation location = new(Path.Combine(Path.GetTempPath(), "netgen-snapshots-" + Guid.NewGuid().ToString("N")), "C", "M");

    /// <summary>Removes the temporary snapshot folder.</summary>
    public void Dispose()
    {
        if (Directory.Exists(location.Directory)) Directory.Delete(location.Directory, recursive: true);
    }

    string FilePath(string name) => Path.Combine(location.Directory, name);

    string[] Files() => [.. Directory.EnumerateFiles(location.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    void WriteFile(string name, string text)
    {
        Directory.CreateDirectory(location.Directory);
        File.WriteAllText(FilePath(name), text, new UTF8Encoding(false));
    }

    static SnapshotTarget Source(string name, string text) => new(name, "cs", text);

    /// <summary>A matching snapshot passes and removes the test's stale received files.</summary>
    [Fact]
    public void IdenticalText_PassesAndDeletesStaleReceivedFiles()
    {
        WriteFile("C.M#A.g.verified.cs", "//HintName: A.g.cs\nclass A { }\n");
        WriteFile("C.M#A.g.received.cs", "stale");
        WriteFile("C.M.received.txt", "stale");
        WriteFile("Other.M#A.g.received.cs", "someone else's");

        Snapshot.VerifyTargets(location, [Source("A.g", "//HintName: A.g.cs\nclass A { }\n")], accept: false);

        Assert.Equal(["C.M#A.g.verified.cs", "Other.M#A.g.received.cs"], Files());
    }

    /// <summary>A changed line fails with a unified diff naming it and the paths, and leaves a received file.</summary>
    [Fact]
    public void AChangedLine_FailsWithADiffAndLeavesAReceivedFile()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"line {i}").ToArray();
        var verified = string.Join("\n", lines) + "\n";
        lines[9] = "line 10 changed";
        var received = string.Join("\n", lines) + "\n";
        WriteFile("C.M#A.verified.cs", verified);

        var failure = Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyTargets(location, [Source("A", received)], accept: false));

        Assert.Contains(
            "--- verified\n+++ received\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line 10 changed\n line 11\n line 12\n line 13\n",
            failure.Message);
        Assert.Contains(FilePath("C.M#A.verified.cs"), failure.Message);
        Assert.Contains(FilePath("C.M#A.received.cs"), failure.Message);
        Assert.Contains("NETGEN_ACCEPT=1", failure.Message);
        Assert.Equal(received, File.ReadAllText(FilePath("C.M#A.received.cs")));
        Assert.Equal(verified, File.ReadAllText(FilePath("C.M#A.verified.cs")));
    }

    /// <summary>Changes far apart make separate hunks, and a long diff is cut short.</summary>
    [Fact]
    public void DistantChanges_MakeSeparateHunksAndLongDiffsAreCut()
    {
        var before = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"{i}"));
        var after = before.Replace("\n2\n", "\ntwo\n", StringComparison.Ordinal).Replace("\n28\n", "\ntwenty-eight\n", StringComparison.Ordinal);

        Assert.Equal(
            "--- verified\n+++ received\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -25,6 +25,6 @@\n 25\n 26\n 27\n-28\n+twenty-eight\n 29\n 30\n",
            SnapshotDiff.Unified(before, after));
        var cut = SnapshotDiff.Unified("", string.Join("\n", Enumerable.Range(1, 500)), maxLines: 10);
        Assert.Contains("+10\n... (hunk cut short)\n", cut);
        Assert.DoesNotContain("+11\n", cut);
    }

    /// <summary>A missing verified file fails, showing the new text and writing it as received.</summary>
    [Fact]
    public void AMissingVerifiedFile_FailsAndWritesTheReceivedFile()
    {
        var failure = Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyTargets(location, [Source("A", "class A { }\n")], accept: false));

        Assert.Contains("New snapshot, no verified file yet.", failure.Message);
        Assert.Contains("+class A { }", failure.Message);
        Assert.Equal(["C.M#A.received.cs"], Files());
    }

    /// <summary>Accept mode writes new and changed verified files and deletes ones no longer produced.</summary>
    [Fact]
    public void AcceptMode_WritesVerifiedFilesAndRemovesOrphans()
    {
        WriteFile("C.M#A.verified.cs", "old\n");
        WriteFile("C.M#Gone.verified.cs", "no longer generated\n");
        WriteFile("C.M.verified.txt", "old diagnostics\n");

        Snapshot.VerifyTargets(location, [Source("A", "new\n"), Source("B", "added\n")], accept: true);

        Assert.Equal(["C.M#A.verified.cs", "C.M#B.verified.cs"], Files());
        Assert.Equal("new\n", File.ReadAllText(FilePath("C.M#A.verified.cs")));
        Assert.Equal("added\n", File.ReadAllText(FilePath("C.M#B.verified.cs")));
    }

    /// <summary>Without accept mode, a verified file nothing produces any more fails the test.</summary>
    [Fact]
    public void AVerifiedFileNoLongerProduced_Fails()
    {
        WriteFile("C.M#A.verified.cs", "same\n");
        WriteFile("C.M.verified.txt", "Source.cs(1,1)-(1,2): warning X: went away\n");
        WriteFile("C.Method#A.verified.cs", "another test's\n");

        var failure = Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyTargets(location, [Source("A", "same\n")], accept: false));

        Assert.Contains("Verified file no longer produced (the output or its diagnostics went away): " + FilePath("C.M.verified.txt"), failure.Message);
        Assert.DoesNotContain("C.Method", failure.Message);
    }

    /// <summary>Only 1 and true (any case) turn accept mode on.</summary>
    [Fact]
    public void AcceptMode_IsOnFor1AndTrueOnly()
    {
        Assert.True(Snapshot.IsAcceptMode("1"));
        Assert.True(Snapshot.IsAcceptMode("TRUE"));
        Assert.False(Snapshot.IsAcceptMode(null));
        Assert.False(Snapshot.IsAcceptMode("0"));
        Assert.False(Snapshot.IsAcceptMode(""));
    }

    /// <summary>The version of every GeneratedCode attribute spelling becomes the placeholder; other strings stay.</summary>
    [Fact]
    public void GeneratedCodeVersions_AreScrubbed()
    {
        const string Generated = """
            [global::System.CodeDom.Compiler.GeneratedCode("NetGen", "1.2.3.4")]
            [GeneratedCodeAttribute( "NetGen.Generator" , "0.1.0-preview.2+8f3e1c2" )]
            [GeneratedCode("NetGen", "")] const string Version = "1.2.3.4";
            """;

        Assert.Equal("""
            [global::System.CodeDom.Compiler.GeneratedCode("NetGen", "{version}")]
            [GeneratedCodeAttribute( "NetGen.Generator" , "{version}" )]
            [GeneratedCode("NetGen", "{version}")] const string Version = "1.2.3.4";
            """, Snapshot.Scrub(Generated));
    }

    /// <summary>CRLF and a byte-order mark in either file compare equal to LF; files are written with LF and no BOM.</summary>
    [Fact]
    public void LineEndingsAndByteOrderMarks_AreNormalised()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(location.Directory).FullName, "C.M#A.verified.cs"), "a\r\nb\r\n", new UTF8Encoding(true));

        Snapshot.VerifyTargets(location, [Source("A", "a\nb\n")], accept: false);
        Snapshot.VerifyTargets(location, [Source("A", "a\r\nb\r\n")], accept: false);
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyTargets(location, [Source("A", "a\r\nc\r\n")], accept: false));

        Assert.Equal("a\nc\n"u8.ToArray(), File.ReadAllBytes(FilePath("C.M#A.received.cs")));
    }

    /// <summary>Generator output becomes Verify's files: one per hint name, diagnostics in the .txt, versions scrubbed.</summary>
    [Fact]
    public void GeneratorResults_AreLaidOutAsVerifyDoes()
    {
        var run = GeneratorHarness.Run<DescribingGenerator>("""
            namespace Demo;

            [NetGen.Network(12288, 1)] partial class Wide { }
            [NetGen.Network(3)] partial class Tiny { }
            """);

        Snapshot.VerifyTargets(location, Snapshot.Targets([run.Result], run.GeneratorDiagnostics), accept: true);

        Assert.Equal(["C.M#Tiny.g.verified.cs", "C.M#Wide.g.verified.cs", "C.M.verified.txt"], Files());
        Assert.Equal(
            "Source.cs(4,2)-(4,19): warning SCR001: 'Tiny' declares 1 layer size(s); a network needs at least 2\n",
            File.ReadAllText(FilePath("C.M.verified.txt")));
        Assert.Equal("""
            //HintName: Wide.g.cs
            // <auto-generated/>
            #nullable enable
            namespace Demo;

            partial class Wide
            {
                [global::System.CodeDom.Compiler.GeneratedCode("NetGen", "{version}")]
                public string Describe() => "Wide: 12288, 1";

                [global::System.CodeDom.Compiler.GeneratedCode("NetGen", "{version}")]
                public static global::NetGen.Activation Hidden => global::NetGen.Activation.Tanh;
            }

            """, File.ReadAllText(FilePath("C.M#Wide.g.verified.cs")));
        Snapshot.VerifyTargets(location, Snapshot.Targets([run.Result], run.GeneratorDiagnostics), accept: false);
    }

    /// <summary>Snapshots go to Snapshots beside the nearest project file, named after the test file and method.</summary>
    [Fact]
    public void TheLocation_ComesFromTheTestFileAndMethod()
    {
        var project = Directory.CreateDirectory(Path.Combine(location.Directory, "Project"));
        File.WriteAllText(Path.Combine(project.FullName, "Project.csproj"), "<Project />");
        var testFile = Path.Combine(project.CreateSubdirectory("Generator").FullName, "NetworkTests.cs");

        var fromSource = SnapshotLocation.FromCaller(testFile, "Emits_layers");
        // A path-mapped build's "/_/" file path falls back to the project above the test binaries.
        var fromBinaries = SnapshotLocation.FromCaller("/_/tests/NetGen.Tests/Generator/NetworkTests.cs", "Emits_layers");

        Assert.Equal(new SnapshotLocation(Path.Combine(project.FullName, "Snapshots"), "NetworkTests", "Emits_layers"), fromSource);
        Assert.Equal("NetworkTests.Emits_layers", fromBinaries.Prefix);
        Assert.Equal("Snapshots", Path.GetFileName(fromBinaries.Directory));
        Assert.True(Directory.EnumerateFiles(Path.GetDirectoryName(fromBinaries.Directory)!, "*.csproj").Any());
        Assert.StartsWith(Path.GetDirectoryName(fromBinaries.Directory)!, AppContext.BaseDirectory, StringComparison.Ordinal);
    }
}
