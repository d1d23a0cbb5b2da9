using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>
/// Files written by real h5py, read back by <see cref="Hdf5File"/> and compared value by value (bit patterns for
/// floats) with what h5py itself reads from them.
/// </summary>
public sealed class Hdf5InteropTests : IDisposable
{
    readonly H5pyScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>
    /// Every supported element type in both byte orders, scalar / empty / multi-dimensional shapes, fixed-length
    /// strings with each padding, compact datasets and never-written ones, in nested groups of at most 8 members (so
    /// that libver='latest' keeps them in compact link storage).
    /// </summary>
    const string WriteEverySupportedKind = """
        rng = np.random.default_rng(2024)

        def ints(dt):
            info = np.iinfo(dt)
            edge = [info.min, info.max, 0, 1, info.max // 3] + ([-1, info.min // 3] if info.min < 0 else [])
            rand = rng.integers(info.min, info.max, size=9, endpoint=True, dtype=np.dtype(dt).newbyteorder('='))
            return np.array(edge + [int(v) for v in rand], dtype=dt)

        def floats(dt):
            fi = np.finfo(dt)
            edge = [0.0, -0.0, 1.0, -1.5, np.pi, fi.max, fi.min, fi.tiny, fi.smallest_subnormal, np.inf, -np.inf, np.nan]
            return np.array([float(v) for v in edge] + list(rng.standard_normal(7) * 1000), dtype=dt)

        def compact(group, name, data):
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_layout(h5py.h5d.COMPACT)
            space = h5py.h5s.create_simple(data.shape) if data.shape else h5py.h5s.create(h5py.h5s.SCALAR)
            ds = h5py.h5d.create(group.id, name.encode(), h5py.h5t.py_create(data.dtype), space, dcpl=dcpl)
            ds.write(h5py.h5s.ALL, h5py.h5s.ALL, data)

        def padded_string(group, name, data, size, pad):
            tid = h5py.h5t.C_S1.copy()
            tid.set_size(size)
            tid.set_strpad(pad)
            ds = h5py.h5d.create(group.id, name.encode(), tid, h5py.h5s.create_simple(data.shape))
            ds.write(h5py.h5s.ALL, h5py.h5s.ALL, data)

        with h5py.File(path, 'w', libver=libver) as f:
            g = f.create_group('unsigned')
            for name, dt in [('u1', '|u1'), ('u2', '<u2'), ('u2_be', '>u2'), ('u4', '<u4'), ('u4_be', '>u4'), ('u8', '<u8'), ('u8_be', '>u8')]:
                g[name] = ints(dt)
            g = f.create_group('signed')
            for name, dt in [('i1', '|i1'), ('i2', '<i2'), ('i2_be', '>i2'), ('i4', '<i4'), ('i4_be', '>i4'), ('i8', '<i8'), ('i8_be', '>i8')]:
                g[name] = ints(dt)
            g = f.create_group('float')
            for name, dt in [('f2', '<f2'), ('f2_be', '>f2'), ('f4', '<f4'), ('f4_be', '>f4'), ('f8', '<f8'), ('f8_be', '>f8')]:
                g[name] = floats(dt)
            g = f.create_group('shapes')
            g['scalar_i8'] = np.int64(-42)
            g['scalar_f8'] = np.float64(2.5)
            g['empty'] = np.zeros((0,), '<i4')
            g['empty_0x3'] = np.zeros((0, 3), '<f8')
            g['cube_f4'] = rng.standard_normal((2, 3, 4)).astype('<f4')
            g['pixels'] = rng.integers(0, 256, (3, 4, 5, 3)).astype('|u1')
            g['row_i2_be'] = np.arange(-5, 5, dtype='>i2').reshape(1, 10)
            g = f.create_group('strings')
            g['classes'] = np.array([b'non-cat', b'cat'], 'S7')
            g['full'] = np.array([b'abc', b'xyz'], 'S3')
            g['embedded_null'] = np.array([b'', b'a', b'ab\x00c'], 'S4')
            g['utf8'] = np.array(['h\u00e9llo'.encode(), '\u017elu\u0165'.encode(), b'x'], dtype=h5py.string_dtype('utf-8', 12))
            g['scalar'] = np.bytes_(b'hello')
            padded_string(g, 'nullterm', np.array([b'abc', b'abcdef', b''], 'S6'), 6, h5py.h5t.STR_NULLTERM)
            padded_string(g, 'spacepad', np.array([b'ab', b'abcdef', b' x'], 'S6'), 6, h5py.h5t.STR_SPACEPAD)
            g = f.create_group('compact')
            compact(g, 'i4', ints('<i4'))
            compact(g, 'f8_be', floats('>f8'))
            compact(g, 'scalar_u2', np.array(7, '<u2'))
            compact(g, 's5', np.array([b'ab', b'hello'], 'S5'))
            compact(g, 'cube_i1', ints('|i1')[:12].reshape(2, 3, 2))
            f.create_dataset('unwritten', shape=(2, 3), dtype='<i4')
            f.create_dataset('unwritten_fill', shape=(4,), dtype='>f4', fillvalue=-7.25)
        """;

    [Theory]
    [InlineData("earliest", 0)]
    [InlineData("v108", 2)]
    [InlineData("latest", 3)]
    public void Every_supported_kind_reads_exactly_as_h5py_reads_it(string libver, int superblockVersion)
    {
        var path = scratch.File($"kinds-{libver}.h5");
        var expected = H5py.WriteAndDescribe(WriteEverySupportedKind, path, libver);
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
    public void Reads_names_in_h5py_visit_order_through_deep_groups_and_a_group_with_a_multi_level_B_tree()
    {
        var path = scratch.File("groups.h5");
        var expected = H5py.WriteAndDescribe("""
            with h5py.File(path, 'w', libver=libver) as f:
                f['a/b/c/d/deep'] = np.arange(3, dtype='<i8')
                f['a/b/sibling'] = np.float32(1.5)
                f['a/zeta'] = np.arange(4, dtype='<u2')
                f.create_group('empty_group')
                many = f.create_group('many')
                for i in range(300):
                    many[f'item{i:03d}'] = np.int32(i)
                f['top'] = np.arange(2, dtype='<f8')
            """, path, "earliest");
        Assert.Equal(304, expected.Visit.Count);

        var file = Hdf5File.Open(path);

        Assert.Equal(expected.Visit, file.DatasetNames);
        foreach (var dataset in expected.Datasets) H5py.AssertSameAsH5py(dataset, file.GetDataset(dataset.Name));
        Assert.Equal([3L], file.GetDataset("/a/b/c/d/deep").Shape);
        Assert.Equal([123L], file.GetDataset("many//item123/").ReadInt64());
    }

    [Fact]
    public void Lists_an_object_reached_by_two_hard_links_once_and_reads_it_by_either_name()
    {
        var path = scratch.File("aliases.h5");
        var expected = H5py.WriteAndDescribe("""
            with h5py.File(path, 'w', libver=libver) as f:
                f['data/values'] = np.arange(5, dtype='<i4')
                f['alias'] = f['data/values']
                f['group_alias'] = f['data']
            """, path, "earliest");

        var file = Hdf5File.Open(path);

        Assert.Equal(expected.Visit, file.DatasetNames);
        Assert.Equal(["alias"], file.DatasetNames);
        Assert.Equal([0L, 1, 2, 3, 4], file.GetDataset("data/values").ReadInt64());
        Assert.Equal([0L, 1, 2, 3, 4], file.GetDataset("group_alias/values").ReadInt64());
    }

    [Fact]
    public void Finds_the_superblock_after_a_user_block()
    {
        var path = scratch.File("userblock.h5");
        var expected = H5py.WriteAndDescribe("""
            with h5py.File(path, 'w', libver=libver, userblock_size=1024) as f:
                f['x'] = np.arange(6, dtype='>i4').reshape(2, 3)
            """, path, "earliest");

        var file = Hdf5File.Open(path);

        H5py.AssertSameAsH5py(expected.Datasets.Single(), file.GetDataset("x"));
    }

    [Theory]
    [InlineData("earliest")]
    [InlineData("latest")]
    public void Refuses_features_it_does_not_read_naming_file_dataset_and_feature(string libver)
    {
        var path = scratch.File($"refused-{libver}.h5");
        H5py.Write("""
            with h5py.File(path, 'w', libver=libver) as f:
                f.create_dataset('chunked', data=np.arange(10), chunks=(4,))
                f.create_dataset('gzip', data=np.arange(10), compression='gzip')
                f.create_dataset('resizable', data=np.arange(10), maxshape=(None,))
                f['vlen_str'] = np.array(['a', 'bc'], dtype=h5py.string_dtype())
                f['compound'] = np.zeros(2, dtype=[('a', '<i4'), ('b', '<f8')])
                f['bool'] = np.array([True, False])
                f['empty'] = h5py.Empty('<f4')
            with h5py.File(path, 'a', libver=libver) as f:
                f['other/external'] = np.zeros(1)
            """, path, libver);

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
    public void Refuses_external_storage_soft_links_and_external_links(string libver)
    {
        var path = scratch.File($"links-{libver}.h5");
        var rawPath = scratch.File("raw.bin");
        H5py.Write("""
            raw = sys.argv[3]
            np.arange(4, dtype='<i4').tofile(raw)
            with h5py.File(path, 'w', libver=libver) as f:
                f['target'] = np.arange(3, dtype='<i8')
                f['soft'] = h5py.SoftLink('/target')
                f['ext'] = h5py.ExternalLink('elsewhere.h5', '/x')
                f.create_dataset('external_storage', shape=(4,), dtype='<i4', external=[(raw, 0, 16)])
            """, path, libver, rawPath);

        var file = Hdf5File.Open(path);

        Assert.Equal(["external_storage", "target"], file.DatasetNames);
        AssertRefused(file, "external_storage", "external storage");
        AssertRefused(file, "soft", "soft link to '/target'");
        AssertRefused(file, "ext", "external link to 'elsewhere.h5:/x'");
    }

    [Fact]
    public void Refuses_dense_link_storage_when_opening()
    {
        var path = scratch.File("dense.h5");
        H5py.Write("""
            with h5py.File(path, 'w', libver=libver) as f:
                for i in range(12):
                    f[f'd{i}'] = np.int8(i)
            """, path, "latest");

        var error = Assert.Throws<InvalidDataException>(() => Hdf5File.Open(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("dense link storage", error.Message);
    }

    [Fact]
    public void Missing_names_and_groups_raise_KeyNotFound_listing_the_datasets()
    {
        var path = scratch.File("names.h5");
        H5py.Write("""
            with h5py.File(path, 'w', libver=libver) as f:
                f['g/x'] = np.zeros(2)
                f['y'] = np.zeros(1)
            """, path, "earliest");
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
    public void Typed_reads_refuse_element_types_they_cannot_return()
    {
        var path = scratch.File("types.h5");
        H5py.Write("""
            with h5py.File(path, 'w', libver=libver) as f:
                f['i4'] = np.arange(3, dtype='<i4')
                f['f4'] = np.ones(3, dtype='<f4')
                f['s'] = np.array([b'a'], 'S1')
                f['big_u8'] = np.array([1, 2**64 - 1], dtype='<u8')
            """, path, "earliest");
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

/// <summary>A fresh directory for h5py to write into, deleted on dispose.</summary>
internal sealed class H5pyScratch : IDisposable
{
    readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("netgen-hdf5-");

    public string File(string name) => Path.Combine(directory.FullName, name);

    public void Dispose() => directory.Delete(recursive: true);
}

/// <summary>
/// Runs h5py scripts that write test files (the script sees <c>path</c> = argv[1] and <c>libver</c> = argv[2]), and
/// describes what h5py reads back from a file, as the reference the reader is compared against.
/// </summary>
internal static class H5py
{
    const string Prelude = """
        import sys, json
        import numpy as np, h5py
        path, libver = sys.argv[1], sys.argv[2]

        """;

    // Floats travel as bit patterns so that NaN, -0.0 and every rounding compare exactly.
    const string Describe = """

        out = {'visit': [], 'datasets': []}
        with h5py.File(path, 'r') as f:
            out['superblock'] = f.id.get_create_plist().get_version()[0]
            f.visititems(lambda n, o: out['visit'].append(n) if isinstance(o, h5py.Dataset) else None)
            for name in out['visit']:
                d = f[name]
                flat = np.asarray(d[()]).ravel()
                entry = {'name': name, 'shape': list(d.shape), 'dtype': d.dtype.str, 'layout': d.id.get_create_plist().get_layout()}
                if d.dtype.kind in 'iuf':
                    with np.errstate(all='ignore'):
                        entry['f64'] = [format(int(v), '016x') for v in flat.astype('<f8').view('<u8')]
                        entry['f32'] = [format(int(v), '08x') for v in flat.astype('<f4').view('<u4')]
                if d.dtype.kind in 'iu':
                    entry['ints'] = [str(int(v)) for v in flat]
                if d.dtype.kind == 'S':
                    entry['strings'] = [v.decode('utf-8') for v in flat]
                out['datasets'].append(entry)
        print(json.dumps(out))
        """;

    public static void Write(string script, string path, string libver, params string[] more) =>
        Python.Run(Prelude + script, [path, libver, .. more]);

    public static H5pyFile WriteAndDescribe(string script, string path, string libver)
    {
        var json = Python.Run(Prelude + script + Describe, path, libver);
        return JsonSerializer.Deserialize<H5pyFile>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

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
