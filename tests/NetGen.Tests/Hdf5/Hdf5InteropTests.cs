using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Data.Hdf5;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Hdf5;

/// <summary>
/// Files written by real h5py (Fixtures/Hdf5, made by tests/fixtures/hdf5.py, which says how each was written), read
/// back by <see cref="Hdf5File"/> and compared value by value (bit patterns for floats) with what h5py itself reads
/// from them (the .json beside each).
/// </summary>
public sealed class Hdf5InteropTests
{
    /// <summary>
    /// Every supported element type in both byte orders, scalar / empty / multi-dimensional shapes, fixed-length
    /// strings with each padding, compact datasets and never-written ones, in nested groups (hdf5.py's every_supported_kind).
    /// </summary>
    [Theory]
    [InlineData("earliest", 0)]
    [InlineData("v108", 2)]
    [InlineData("latest", 3)]
    public void EverySupportedKind_ReadsExactlyAsH5pyReadsIt(string libver, int superblockVersion)
    {
        var path = Fixture.Path($"Hdf5/kinds-{libver}.h5");
        var expected = H5py.Described($"kinds-{libver}");
        Assert.Equal(superblockVersion, expected.Superblock);

        var file = Hdf5File.Open(path);

        Assert.Equal(expected.Visit, file.DatasetNames);
        Assert.Equal(41, expected.Datasets.Count);
        foreach (var dataset in expected.Datasets)
        {
            Assert.Equal(dataset.Name.StartsWith("compact/", StringComparison.Ordinal) ? 0 : 1, dataset.Layout);
            H5py.AssertSameAsH5py(dataset, file.GetDataset(dataset.Name));
        }
    }

    [Fact]
    public void DeepGroupsAndAMultiLevelBTree_GiveNamesInH5pyVisitOrder()
    {
        var path = Fixture.Path("Hdf5/groups.h5");
        var expected = H5py.Described("groups");
        Assert.Equal(304, expected.Visit.Count);

        var file = Hdf5File.Open(path);

        Assert.Equal(expected.Visit, file.DatasetNames);
        foreach (var dataset in expected.Datasets) H5py.AssertSameAsH5py(dataset, file.GetDataset(dataset.Name));
        Assert.Equal([3L], file.GetDataset("/a/b/c/d/deep").Shape);
        Assert.Equal([123L], file.GetDataset("many//item123/").ReadInt64());
    }

    [Fact]
    public void AnObjectReachedByTwoHardLinks_IsListedOnceAndReadByEitherName()
    {
        var path = Fixture.Path("Hdf5/aliases.h5");
        var expected = H5py.Described("aliases");

        var file = Hdf5File.Open(path);

        Assert.Equal(expected.Visit, file.DatasetNames);
        Assert.Equal(["alias"], file.DatasetNames);
        Assert.Equal([0L, 1, 2, 3, 4], file.GetDataset("data/values").ReadInt64());
        Assert.Equal([0L, 1, 2, 3, 4], file.GetDataset("group_alias/values").ReadInt64());
    }

    [Fact]
    public void ASuperblockAfterAUserBlock_IsFound()
    {
        var path = Fixture.Path("Hdf5/userblock.h5");
        var expected = H5py.Described("userblock");

        var file = Hdf5File.Open(path);

        H5py.AssertSameAsH5py(expected.Datasets.Single(), file.GetDataset("x"));
    }

    [Theory]
    [InlineData("earliest")]
    [InlineData("latest")]
    public void FeaturesItDoesNotRead_AreRefusedNamingFileDatasetAndFeature(string libver)
    {
        var path = Fixture.Path($"Hdf5/refused-{libver}.h5");

        var file = Hdf5File.Open(path);

        AssertRefused(file, "chunked", "chunked storage");
        AssertRefused(file, "gzip", "chunked storage with filters");
        AssertRefused(file, "resizable", "chunked storage");
        AssertRefused(file, "vlen_str", "variable-length string");
        AssertRefused(file, "compound", "compound datatype");
        AssertRefused(file, "bool", "enumeration");
        AssertRefused(file, "empty", "null dataspace");
        Assert.Equal([0.0], file.GetDataset("other/external").ReadDouble());
    }

    [Theory]
    [InlineData("earliest")]
    [InlineData("latest")]
    public void ExternalStorageSoftLinksAndExternalLinks_AreRefused(string libver)
    {
        var path = Fixture.Path($"Hdf5/links-{libver}.h5");

        var file = Hdf5File.Open(path);

        Assert.Equal(["external_storage", "target"], file.DatasetNames);
        AssertRefused(file, "external_storage", "external storage");
        AssertRefused(file, "soft", "soft link to '/target'");
        AssertRefused(file, "ext", "external link to 'elsewhere.h5:/x'");
    }

    [Fact]
    public void DenseLinkStorage_IsRefusedWhenOpening()
    {
        var path = Fixture.Path("Hdf5/dense.h5"); // 12 links in the root group with libver='latest'

        var error = Assert.Throws<InvalidDataException>(() => Hdf5File.Open(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("dense link storage", error.Message);
    }

    [Fact]
    public void MissingNamesAndGroups_RaiseKeyNotFoundListingTheDatasets()
    {
        var path = Fixture.Path("Hdf5/names.h5"); // g/x and y
        var file = Hdf5File.Open(path);

        var missing = Assert.Throws<KeyNotFoundException>(() => file.GetDataset("g/nope"));
        Assert.Contains("'g/nope'", missing.Message);
        Assert.Contains("Datasets: 'g/x', 'y'.", missing.Message);
        var group = Assert.Throws<KeyNotFoundException>(() => file.GetDataset("g"));
        Assert.Contains("is a group", group.Message);
        Assert.Throws<KeyNotFoundException>(() => file.GetDataset("y/below_a_dataset"));
        Assert.Throws<KeyNotFoundException>(() => file.GetDataset("/"));
    }

    [Fact]
    public void TypedReads_RefuseElementTypesTheyCannotReturn()
    {
        var path = Fixture.Path("Hdf5/types.h5"); // i4, f4, s (S1) and big_u8 (uint64 holding 2^64 - 1)
        var file = Hdf5File.Open(path);

        Assert.Contains("unsigned 8-bit", Assert.Throws<InvalidOperationException>(() => file.GetDataset("i4").ReadBytes()).Message);
        Assert.Contains("<f4", Assert.Throws<InvalidOperationException>(() => file.GetDataset("f4").ReadInt64()).Message);
        Assert.Throws<InvalidOperationException>(() => file.GetDataset("s").ReadDouble());
        Assert.Throws<InvalidOperationException>(() => file.GetDataset("s").ReadSingle());
        Assert.Throws<InvalidOperationException>(() => file.GetDataset("f4").ReadStrings());
        Assert.Contains("18446744073709551615", Assert.Throws<OverflowException>(() => file.GetDataset("big_u8").ReadInt64()).Message);
        Assert.Equal([1.0, 18446744073709551615.0], file.GetDataset("big_u8").ReadDouble());
    }

    static void AssertRefused(Hdf5File file, string name, string feature)
    {
        var error = Assert.Throws<InvalidDataException>(() => file.GetDataset(name));
        Assert.Contains(file.FileName, error.Message);
        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains(feature, error.Message);
    }
}

/// <summary>What h5py reads from the fixtures: the .json tests/fixtures/hdf5.py's describe() wrote beside each file.</summary>
internal static class H5py
{
    public static H5pyFile Described(string name) =>
        JsonSerializer.Deserialize<H5pyFile>(Fixture.Text($"Hdf5/{name}.json"), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    /// <summary>Shape, dtype and every element, through each typed read that applies, equal h5py's.</summary>
    public static void AssertSameAsH5py(H5pyDataset expected, Hdf5Dataset actual)
    {
        var context = $"dataset '{expected.Name}'";
        Assert.Equal(expected.Name, actual.Name);
        Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{context}: shape ({string.Join(", ", actual.Shape)}), h5py says ({string.Join(", ", expected.Shape)})");
        Assert.True(expected.Dtype == actual.ElementType.ToString(), $"{context}: dtype {actual.ElementType}, h5py says {expected.Dtype}");

        if (expected.F64 is not null)
        {
            Assert.Equal(expected.F64, actual.ReadDouble().Select(v => BitConverter.DoubleToUInt64Bits(v).ToString("x16")).ToList());
            Assert.Equal(expected.F32, actual.ReadSingle().Select(v => BitConverter.SingleToUInt32Bits(v).ToString("x8")).ToList());
        }
        if (expected.Ints is not null)
        {
            var values = expected.Ints.Select(Int128.Parse).ToList();
            if (values.Any(v => v > long.MaxValue)) Assert.Throws<OverflowException>(() => actual.ReadInt64());
            else Assert.Equal(values.Select(v => (long)v), actual.ReadInt64());
            if (expected.Dtype == "|u1") Assert.Equal(values.Select(v => (byte)v), actual.ReadBytes());
            else Assert.Throws<InvalidOperationException>(() => actual.ReadBytes());
        }
        if (expected.Strings is not null) Assert.Equal(expected.Strings, actual.ReadStrings());
    }
}

internal sealed record H5pyFile(int Superblock, List<string> Visit, List<H5pyDataset> Datasets);

internal sealed record H5pyDataset(string Name, List<long> Shape, string Dtype, int Layout, List<string>? F64, List<string>? F32, List<string>? Ints, List<string>? Strings);
