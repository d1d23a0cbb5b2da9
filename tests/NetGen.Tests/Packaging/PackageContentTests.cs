using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Tests.Packaging;

/// <summary>
/// What <c>dotnet pack</c> puts in the NetGen package: the runtime for the app, the generator for the compiler,
/// the README and metadata for the gallery, symbols beside it, and nothing of the generator's own dependencies.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class PackageContentTests(PackedNetGen package)
{
    const string RepositoryUrl = "https://github.com/netgen-dotnet/netgen";

    [Fact]
    public void Package_HoldsTheRuntimeTheGeneratorAndTheReadmeAndNothingElseOfTheirs()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var files = zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal)
                && name is not "[Content_Types].xml" && !name.EndsWith(".nuspec", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            ["README.md", "analyzers/dotnet/cs/NetGen.Generator.dll", "lib/net10.0/NetGen.dll", "lib/net10.0/NetGen.xml"],
            files);
    }

    [Fact]
    public void PackedReadme_IsTheRepositoryReadme()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        using var packed = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("README.md")), packed.ReadToEnd());
    }

    [Fact]
    public void Nuspec_CarriesTheGalleryMetadataAndNoDependencies()
    {
        var metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value.Trim();
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Equal("NetGen", Value("id"));
        Assert.Equal(PackedNetGen.DeclaredVersion, Value("version"));
        Assert.Equal("expression", Element("license").Attribute("type")?.Value);
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal(RepositoryUrl, Element("repository").Attribute("url")?.Value);
        Assert.Equal("git", Element("repository").Attribute("type")?.Value);
        Assert.Equal(RepositoryUrl, Value("projectUrl"));
        Assert.Contains("source-generator", Value("tags").Split(' '));
        Assert.StartsWith("A neural network generated at compile time", Value("description"));
        Assert.Equal("NetGen contributors", Value("authors"));

        // The generator's Roslyn references stay with the compiler: a consumer restores NetGen and nothing else.
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")?.Value ?? "(no id)").ToArray();
        Assert.Empty(dependencies);
        var groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").Select(e => e.Attribute("targetFramework")?.Value ?? "(none)").ToArray();
        Assert.Equal(["net10.0"], groups);
    }

    [Fact]
    public void SymbolsPackage_HoldsThePortablePdb()
    {
        Assert.True(File.Exists(package.SymbolsPackagePath), $"No symbols package at {package.SymbolsPackagePath}.");
        using var zip = ZipFile.OpenRead(package.SymbolsPackagePath);
        var pdb = zip.GetEntry("lib/net10.0/NetGen.pdb");
        Assert.NotNull(pdb);
        using var stream = pdb.Open();
        var signature = new byte[4];
        stream.ReadExactly(signature);
        Assert.Equal("BSJB"u8.ToArray(), signature); // portable PDBs are ECMA-335 metadata
    }

    [Fact]
    public void BothAssemblies_CarryTheDeclaredVersionAndTheRuntimeIsMarkedTrimmableAndAotCompatible()
    {
        var expected = Version.Parse(PackedNetGen.DeclaredVersion);
        var context = new AssemblyLoadContext("packed NetGen", isCollectible: true);
        try
        {
            var runtime = context.LoadFromStream(Extract("lib/net10.0/NetGen.dll"));
            var generator = context.LoadFromStream(Extract("analyzers/dotnet/cs/NetGen.Generator.dll"));
            // The generator stamps its own assembly version into every [GeneratedCode] it emits.
            Assert.Equal(new Version(expected.Major, expected.Minor, expected.Build, 0), generator.GetName().Version);
            Assert.Equal(new Version(expected.Major, expected.Minor, expected.Build, 0), runtime.GetName().Version);

            var flags = runtime.GetCustomAttributes<AssemblyMetadataAttribute>().Select(a => $"{a.Key}={a.Value}").ToArray();
            Assert.Contains("IsTrimmable=True", flags);
            Assert.Contains("IsAotCompatible=True", flags);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void PackingTheSameBuildAgain_GivesTheSameBytes()
    {
        var again = Path.Combine(package.TemporaryRoot, "feed-again");
        package.Pack(again);
        foreach (var original in new[] { package.PackagePath, package.SymbolsPackagePath, package.DataPackagePath, package.DataSymbolsPackagePath })
        {
            var repacked = Path.Combine(again, Path.GetFileName(original));
            Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(repacked)),
                $"{Path.GetFileName(original)} differs between two packs of the same build.");
        }
    }

    XDocument Nuspec()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        using var stream = zip.Entries.Single(e => e.FullName == "NetGen.nuspec").Open();
        return XDocument.Load(stream);
    }

    MemoryStream Extract(string entry)
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var copy = new MemoryStream();
        using (var stream = (zip.GetEntry(entry) ?? throw new InvalidOperationException($"The package has no {entry}.")).Open())
            stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
