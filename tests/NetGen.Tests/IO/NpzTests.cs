using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>.npz archives between numpy (<c>np.savez</c>, <c>np.savez_compressed</c>, <c>np.load</c>) and <see cref="Npz"/>, and atomic replacement.</summary>
public sealed class NpzTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("savez")]
    [InlineData("savez_compressed")]
    public void Read_ArchivesNumpyWrote_GivesEveryArrayExactly(string function)
    {
        // Fixtures/Npz (tests/fixtures/npz.py): numpy's archive and a manifest line per array (key, shape, sha256 of its
        // elements as little-endian C-order bytes). savez_compressed's 'large' exceeds 1 MiB, so a deflated entry (a
        // stream of unknown length) is read in growing chunks.
        var arrays = Npz.Read(Fixture.Path($"Npz/{function}.npz"));
        var manifest = Fixture.Text($"Npz/{function}.txt");

        var lines = manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Select(line => line.Split(' ')[0]).Order(), arrays.Keys.Order());
        foreach (var line in lines)
        {
            var fields = line.Split(' ');
            var array = arrays[fields[0]];
            var shape = fields[1].Length == 0 ? [] : fields[1].Split(',').Select(int.Parse).ToArray();
            Assert.True(shape.SequenceEqual(array.Shape), $"{fields[0]}: numpy's shape ({fields[1]}), ours {array.ShapeText}");
            Assert.True(fields[2] == Convert.ToHexStringLower(SHA256.HashData(LittleEndianBytes(array))), $"{fields[0]}: elements differ from numpy's");
        }
        Assert.Equal(NpyDType.Float64, arrays["W1"].DType);
        Assert.Equal(NpyDType.UInt8, arrays["pixels"].DType);
        Assert.Equal(NpyDType.Int64, arrays["labels"].DType);
    }

    [Theory]
    [InlineData(false, "ZIP_STORED")]
    [InlineData(true, "ZIP_DEFLATED")]
    public void Write_ArchivesNumpyLoadsExactly(bool compressed, string compression)
    {
        Requires.Python("numpy");
        var arrays = new Dictionary<string, NpyArray>
        {
            ["W1"] = NpyArray.FromSingles(Enumerable.Range(0, 12).Select(i => MathF.Cos(i) * 0.01f).ToArray(), 4, 3),
            ["b1"] = NpyArray.FromSingles(new float[4], 4, 1),
            ["x"] = NpyArray.FromDoubles([double.NaN, -0.0, 1e-310], 3),
            ["pixels"] = NpyArray.FromBytes([1, 2, 3, 250, 251, 252], 1, 2, 3),
            ["labels"] = NpyArray.FromInt64s([0, 1, 1, -9], 4),
            ["scalar"] = NpyArray.FromInt64s([42]),
            ["empty"] = NpyArray.FromSingles([], 0, 3),
        };
        var path = Path.Combine(_directory.Path, "ours.npz");
        Npz.Write(path, arrays, compressed);
        foreach (var (key, array) in arrays)
            File.WriteAllBytes(Path.Combine(_directory.Path, key + ".raw"), LittleEndianBytes(array));

        var output = Python.Run("""
            import sys, os, zipfile, numpy as np
            folder, path, compression = sys.argv[1], sys.argv[2], getattr(zipfile, sys.argv[3])
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
                assert all(info.compress_type == compression for info in archive.infolist()), [i.compress_type for i in archive.infolist()]
            expected = {'W1': ('float32', (4, 3)), 'b1': ('float32', (4, 1)), 'x': ('float64', (3,)), 'pixels': ('uint8', (1, 2, 3)),
                        'labels': ('int64', (4,)), 'scalar': ('int64', ()), 'empty': ('float32', (0, 3))}
            with np.load(path) as archive:
                assert sorted(archive.files) == sorted(expected), archive.files
                for key, (dtype, shape) in expected.items():
                    array = archive[key]
                    assert array.dtype == np.dtype(dtype) and array.shape == shape, (key, array.dtype, array.shape)
                    raw = open(os.path.join(folder, key + '.raw'), 'rb').read()
                    assert array.astype(array.dtype.newbyteorder('<')).tobytes() == raw, (key, array)
            print('ok')
            """, _directory.Path, path, compression);

        Assert.Equal("ok", output.Trim());
    }

    [Fact]
    public void Read_FileThatIsNotAZip_IsRefusedNamingTheFile()
    {
        var path = Path.Combine(_directory.Path, "text.npz");
        File.WriteAllText(path, "these are not the bytes of a zip archive, though there are enough of them to look for one");
        var error = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("zip", error.Message);
    }

    [Fact]
    public void Read_TruncatedArchive_IsRefusedNamingTheFile()
    {
        var path = Fixture.Path("Npz/truncated.npz"); // the first half of numpy's archive
        var error = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Read_CorruptDeflatedEntry_IsRefusedNamingFileAndArray()
    {
        var path = Fixture.Path("Npz/corrupt.npz"); // numpy's, with 200 bytes of W1's deflated data flipped
        var error = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'W1'", error.Message);
    }

    [Fact]
    public void Read_EntryWithBadNpyData_IsRefusedNamingFileAndArray()
    {
        var path = Fixture.Path("Npz/bad-entry.npz"); // W1.npy holds a header cut off mid-way
        var error = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("array 'W1'", error.Message);
    }

    [Fact]
    public void Read_EntryThatIsNotNpy_IsRefusedNamingIt()
    {
        var path = Fixture.Path("Npz/other.npz"); // numpy's, with a notes.txt entry added
        var error = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'notes.txt'", error.Message);
    }

    [Fact]
    public void Write_OverAnExistingFile_ReplacesItWholeAndLeavesNoTemporaryFiles()
    {
        var path = Path.Combine(_directory.Path, "model.npz");
        Npz.Write(path, [new("a", NpyArray.FromSingles(new float[10000], 100, 100)), new("b", NpyArray.FromSingles([1f], 1))]);
        Npz.Write(path, [new("c", NpyArray.FromDoubles([2.5, 3.5], 2))]);

        var arrays = Npz.Read(path);
        Assert.Equal(["c"], arrays.Keys);
        Assert.Equal([2.5, 3.5], arrays["c"].ToDoubleArray());
        Assert.Equal(["model.npz"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_WithInvalidKeys_ThrowsAndLeavesThePreviousFileIntact()
    {
        var path = Path.Combine(_directory.Path, "model.npz");
        Npz.Write(path, [new("a", NpyArray.FromSingles([1f, 2f], 2))]);
        var before = File.ReadAllBytes(path);

        var twice = Assert.Throws<ArgumentException>(() =>
            Npz.Write(path, [new("a", NpyArray.FromSingles([3f], 1)), new("a", NpyArray.FromSingles([4f], 1))]));
        Assert.Contains("'a'", twice.Message);
        Assert.Throws<ArgumentException>(() => Npz.Write(path, [new("", NpyArray.FromSingles([3f], 1))]));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.npz"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AtomicWrite_FailingMidway_LeavesThePreviousFileIntactAndNoTemporaryFile()
    {
        var path = Path.Combine(_directory.Path, "data.bin");
        File.WriteAllText(path, "previous contents");

        var failure = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.ASCII.GetBytes("half of the new contents"));
            stream.Flush();
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal("disk full (simulated)", failure.Message);
        Assert.Equal("previous contents", File.ReadAllText(path));
        Assert.Equal(["data.bin"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AtomicWrite_WritesTheTemporaryFileBesideTheTargetThenRenamesIt()
    {
        var path = Path.Combine(_directory.Path, "data.bin");
        File.WriteAllText(path, "previous contents");
        string[] duringWrite = [];

        AtomicFile.Write(path, stream =>
        {
            stream.Write("new contents"u8);
            duringWrite = Directory.GetFiles(_directory.Path).Select(file => Path.GetFileName(file)!).Order().ToArray();
            Assert.Equal("previous contents", File.ReadAllText(path));
        });

        Assert.Equal(2, duringWrite.Length);
        Assert.Contains("data.bin", duringWrite);
        Assert.Contains(duringWrite, name => name.StartsWith(".data.bin.", StringComparison.Ordinal) && name.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal));
        Assert.Equal("new contents", File.ReadAllText(path));
        Assert.Equal(["data.bin"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_IntoAMissingFolder_ThrowsAndCreatesNothing()
    {
        var path = Path.Combine(_directory.Path, "missing", "model.npz");
        Assert.Throws<DirectoryNotFoundException>(() => Npz.Write(path, [new("a", NpyArray.FromSingles([1f], 1))]));
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    static byte[] LittleEndianBytes(NpyArray array) => array.DType switch
    {
        NpyDType.Float32 => MemoryMarshal.AsBytes(array.ToSingleArray().AsSpan()).ToArray(),
        NpyDType.Float64 => MemoryMarshal.AsBytes(array.ToDoubleArray().AsSpan()).ToArray(),
        NpyDType.UInt8 => array.ToByteArray(),
        NpyDType.Int64 => MemoryMarshal.AsBytes(array.ToInt64Array().AsSpan()).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(array)),
    };
}
