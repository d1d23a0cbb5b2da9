using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Tests.Packaging;

/// <summary>
/// The package boundary: NetGen.Data holds the HDF5 reader, the image decoders and the SVG plot, depends on NetGen of
/// the same version, and the NetGen package holds none of them.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class DataPackageContentTests(PackedNetGen package)
{
    [Fact]
    public void DataPackage_HoldsItsAssemblyAndReadmeAndNothingOfNetGens()
    {
        using var zip = ZipFile.OpenRead(package.DataPackagePath);
        var files = zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal)
                && name is not "[Content_Types].xml" && !name.EndsWith(".nuspec", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["README.md", "lib/net10.0/NetGen.Data.dll", "lib/net10.0/NetGen.Data.xml"], files);
    }

    [Fact]
    public void DataPackage_ReadmeIsTheProjectsReadme()
    {
        using var zip = ZipFile.OpenRead(package.DataPackagePath);
        using var packed = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("runtime/NetGen.Data/README.md")), packed.ReadToEnd());
    }

    [Fact]
    public void DataNuspec_NamesThePackageAndDependsOnNetGenOfTheSameVersionAndStbImageSharp()
    {
        var metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value.Trim();

        Assert.Equal("NetGen.Data", Value("id"));
        Assert.Equal(PackedNetGen.DeclaredVersion, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("hdf5", Value("tags").Split(' '));
        Assert.StartsWith("Data loading for NetGen networks", Value("description"));

        var groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").ToArray();
        Assert.Equal(["net10.0"], groups.Select(g => g.Attribute("targetFramework")?.Value ?? "(none)").ToArray());
        var dependencies = groups[0].Elements().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
        Assert.Equal(["NetGen", "StbImageSharp"], dependencies.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(PackedNetGen.DeclaredVersion, dependencies["NetGen"]);
    }

    [Fact]
    public void DataSymbolsPackage_HoldsThePortablePdb()
    {
        Assert.True(File.Exists(package.DataSymbolsPackagePath), $"No symbols package at {package.DataSymbolsPackagePath}.");
        using var zip = ZipFile.OpenRead(package.DataSymbolsPackagePath);
        Assert.NotNull(zip.GetEntry("lib/net10.0/NetGen.Data.pdb"));
    }

    [Fact]
    public void PublicTypes_OfHdf5ImagesAndPlotsAreInNetGenDataAndNoneInNetGen()
    {
        var core = PublicTypes(package.PackagePath, "lib/net10.0/NetGen.dll");
        var data = PublicTypes(package.DataPackagePath, "lib/net10.0/NetGen.Data.dll");

        Assert.Equal(["NetGen.Data.Hdf5", "NetGen.Data.Imaging", "NetGen.Data.Plotting"],
            data.Select(t => t.Namespace).Distinct().Order(StringComparer.Ordinal).ToArray());
        foreach (var expected in new[] { "Hdf5File", "Hdf5Dataset", "ImageFile", "Png", "Jpeg", "RgbImage", "LearningCurveSvg" })
            Assert.Contains(expected, data.Select(t => t.Name));

        var strays = core.Where(t => t.Namespace.StartsWith("NetGen.Data", StringComparison.Ordinal)
            || t.Name.StartsWith("Hdf5", StringComparison.Ordinal) || t.Name is "LearningCurveSvg" or "Png" or "Jpeg" or "RgbImage" or "ImageFile");
        Assert.Empty(strays.Select(t => $"{t.Namespace}.{t.Name}"));
    }

    /// <summary>The public top-level types of an assembly in a package, read from its metadata without loading it.</summary>
    static (string Namespace, string Name)[] PublicTypes(string packagePath, string entry)
    {
        using var zip = ZipFile.OpenRead(packagePath);
        var bytes = new MemoryStream();
        using (var stream = (zip.GetEntry(entry) ?? throw new InvalidOperationException($"{Path.GetFileName(packagePath)} has no {entry}.")).Open())
            stream.CopyTo(bytes);
        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var reader = pe.GetMetadataReader();
        return reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Where(t => (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(t => (reader.GetString(t.Namespace), reader.GetString(t.Name)))
            .ToArray();
    }

    XDocument Nuspec()
    {
        using var zip = ZipFile.OpenRead(package.DataPackagePath);
        using var stream = zip.Entries.Single(e => e.FullName == "NetGen.Data.nuspec").Open();
        return XDocument.Load(stream);
    }
}
