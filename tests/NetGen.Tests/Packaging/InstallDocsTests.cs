using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Packaging;

/// <summary>
/// The install steps a user reads are the steps <see cref="ConsumerTests"/> performs: the same commands, the same
/// nuget.config, the same Program.cs, the same error position and the same generated-file location. The steps may
/// live in README.md or in docs/install.md.
/// </summary>
public sealed class InstallDocsTests
{
    static readonly string Docs = string.Join("\n",
        new[] { "README.md", Path.Combine("docs", "install.md") }
            .Select(path => RepositoryRoot.Combine(path))
            .Where(File.Exists)
            .Select(File.ReadAllText))
        .Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void Docs_ShowTheCommandsTheTestRuns()
    {
        var version = PackedNetGen.DeclaredVersion;
        AssertDocumented("dotnet pack runtime/NetGen -c Release -o ");
        AssertDocumented("dotnet pack runtime/NetGen.Data -c Release -o ");
        AssertDocumented($"dotnet add package NetGen --version {version}");
        AssertDocumented($"<PackageReference Include=\"NetGen\" Version=\"{version}\" />");
        AssertDocumented("<EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>");
        AssertDocumented("/generated/NetGen.Generator/NetGen.Generator.NetworkGenerator/TinyNet.g.cs");
    }

    [Fact]
    public void Docs_ShowTheNuGetConfigTheTestWrites()
    {
        AssertDocumented("""<add key="netgen-local" value=""");
        // The rest of the file the test writes, from the line after the feed's (whose path differs) to the end.
        var config = ConsumerProject.NuGetConfig("feed");
        AssertDocumented(config[config.IndexOf("""<add key="nuget.org" """, StringComparison.Ordinal)..].TrimEnd('\n'));
    }

    [Fact]
    public void Docs_ShowTheProgramTheTestBuildsAndTheErrorItsShapeMistakeGives()
    {
        AssertDocumented(ConsumerTests.Program.TrimEnd('\n'));
        var line = ConsumerTests.Program.Split('\n').ToList().FindIndex(l => l.StartsWith("[Network(4, 8, 1)]", StringComparison.Ordinal)) + 1;
        AssertDocumented($"Program.cs({line},13): error NG0001: Layer size 1 of [Network] must be a positive integer constant, but it is 0");
        AssertDocumented("TinyNet: 4 -> 1, 49 parameters");
    }

    static void AssertDocumented(string text) =>
        Assert.True(Docs.Contains(text, StringComparison.Ordinal),
            $"README.md or docs/install.md should show, as the packaging test performs it:\n{text}");
}
