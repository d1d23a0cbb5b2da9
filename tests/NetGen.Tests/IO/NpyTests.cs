using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>.npy files written by numpy are read exactly; files we write are read back exactly by numpy; malformed files are refused.</summary>
public sealed class NpyTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Read_FilesNumpyWrote_GivesNumpysShapeAndElementsExactly()
    {
        // Fixtures/Npy (tests/fixtures/npy.py): each case numpy saved and, beside it, the elements as little-endian
        // C-order bytes, plus a manifest line: name, dtype, shape.
        var manifest = Fixture.Text("Npy/manifest.txt");

        var lines = manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, lines.Length);
        foreach (var line in lines)
        {
            var fields = line.Split(' ');
            var (name, dtypeName) = (fields[0], fields[1]);
            var shape = fields.Length > 2 && fields[2].Length > 0 ? fields[2].Split(',').Select(int.Parse).ToArray() : [];

            var array = Npy.Read(Fixture.Path($"Npy/{name}.npy"));

            Assert.True(dtypeName == DTypeName(array.DType), $"{name}: numpy's dtype is {dtypeName}, we read {array.DType}");
            Assert.True(shape.SequenceEqual(array.Shape), $"{name}: numpy's shape is ({string.Join(", ", shape)}), we read {array.ShapeText}");
            Assert.Equal(shape.Aggregate(1L, (product, d) => product * d), array.ElementCount);
            var expected = Fixture.Bytes($"Npy/{name}.raw");
            Assert.True(expected.AsSpan().SequenceEqual(LittleEndianBytes(array)), $"{name}: elements differ from numpy's");
        }
    }

    [Fact]
    public void Write_FilesNumpyReadsBackExactly()
    {
        Requires.Python("numpy");
        var cases = new Dictionary<string, NpyArray>
        {
            ["f4"] = NpyArray.FromSingles([1.5f, -0f, float.NaN, float.PositiveInfinity, float.Epsilon, float.MaxValue], 2, 3),
            ["f8"] = NpyArray.FromDoubles([Math.PI, -0.0, double.NegativeInfinity, double.Epsilon, 1e300], 5),
            ["u1"] = NpyArray.FromBytes([0, 1, 127, 128, 254, 255, 7, 9, 11, 13, 15, 17], 3, 2, 2),
            ["i8"] = NpyArray.FromInt64s([long.MinValue, -1, 0, 1, long.MaxValue, 1L << 40], 2, 3),
            ["f8_0d"] = NpyArray.FromDoubles([-2.75]),
            ["f4_empty_0x3"] = NpyArray.FromSingles([], 0, 3),
            ["i8_empty"] = NpyArray.FromInt64s([], 0),
            ["f4_4d"] = NpyArray.FromSingles(Enumerable.Range(0, 120).Select(i => i * 0.1f - 3f).ToArray(), 2, 3, 4, 5),
        };
        var manifest = new StringBuilder();
        foreach (var (name, array) in cases)
        {
            Npy.Write(Path.Combine(_directory.Path, name + ".npy"), array);
            File.WriteAllBytes(Path.Combine(_directory.Path, name + ".raw"), LittleEndianBytes(array));
            manifest.AppendLine($"{name} {DTypeName(array.DType)} {string.Join(",", array.Shape)}");
        }
        File.WriteAllText(Path.Combine(_directory.Path, "manifest.txt"), manifest.ToString());

        var output = Python.Run("""
            import sys, os, numpy as np
            folder = sys.argv[1]
            for line in open(os.path.join(folder, 'manifest.txt')).read().splitlines():
                name, dtype, shape = (line.split(' ') + [''])[:3]
                shape = tuple(int(d) for d in shape.split(',') if d)
                path = os.path.join(folder, name + '.npy')
                with open(path, 'rb') as f:
                    assert np.lib.format.read_magic(f) == (1, 0), name
                    header = np.lib.format.read_array_header_1_0(f)
                    assert header[1] is False, (name, 'fortran_order', header)
                    assert f.tell() % 64 == 0, (name, 'data offset', f.tell())
                array = np.load(path)
                assert array.dtype == np.dtype(dtype), (name, array.dtype, dtype)
                assert array.shape == shape, (name, array.shape, shape)
                expected = open(os.path.join(folder, name + '.raw'), 'rb').read()
                assert array.astype(array.dtype.newbyteorder('<')).tobytes() == expected, (name, array)
                print(name)
            """, _directory.Path);

        Assert.Equal(cases.Keys.Order(), output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public void ToSingleArray_ConvertsFloat64AndIntegersRoundingToNearest()
    {
        var doubles = NpyArray.FromDoubles([0.1, 1.0 / 3, 1e-50, -1e40, 16777217.0], 5);
        Assert.Equal(new[] { 0.1f, 1f / 3, 0f, float.NegativeInfinity, 16777216f }, doubles.ToSingleArray());
        Assert.Equal(new float[] { 0, 255 }, NpyArray.FromBytes([0, 255], 2).ToSingleArray());
        Assert.Equal(new double[] { -5, 1L << 53 }, NpyArray.FromInt64s([-5, 1L << 53], 2).ToDoubleArray());
        Assert.Equal(new long[] { 3, 200 }, NpyArray.FromBytes([3, 200], 2).ToInt64Array());

        var wrongType = Assert.Throws<InvalidOperationException>(() => doubles.ToByteArray());
        Assert.Contains("uint8", wrongType.Message);
        Assert.Contains("float64", wrongType.Message);
        Assert.Throws<InvalidOperationException>(() => doubles.ToInt64Array());
        Assert.Throws<ArgumentException>(() => doubles.CopyTo(new float[4]));
    }

    [Fact]
    public void Factories_RejectShapesThatDoNotMatchTheData()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => NpyArray.FromSingles(new float[5], 2, 3));
        Assert.Contains("(2, 3)", mismatch.Message);
        Assert.Contains("6", mismatch.Message);
        Assert.Contains("5", mismatch.Message);
        Assert.Throws<ArgumentException>(() => NpyArray.FromSingles(new float[0], -1, 0));
        Assert.Throws<ArgumentException>(() => NpyArray.FromSingles(new float[1], 65536, 65536));
        Assert.Equal("()", NpyArray.FromSingles([1f]).ShapeText);
        Assert.Equal("(3,)", NpyArray.FromSingles(new float[3], 3).ShapeText);
    }

    [Fact]
    public void Read_BadMagic_IsRefusedNamingFileExpectedAndFound()
    {
        var error = ReadInvalid(Encoding.ASCII.GetBytes("PK\x03\x04 this is a zip, not an npy file ......"));
        Assert.Contains("test.npy", error.Message);
        Assert.Contains("\\x93NUMPY", error.Message);
        Assert.Contains("PK", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(9)]
    public void Read_FileEndingInsideMagicOrLength_IsRefused(int length)
    {
        var error = ReadInvalid(NumpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])[..length]);
        Assert.Contains("found only", error.Message);
    }

    [Fact]
    public void Read_UnsupportedVersion_IsRefused()
    {
        var bytes = NumpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        bytes[6] = 4;
        var error = ReadInvalid(bytes);
        Assert.Contains("1.0, 2.0 or 3.0", error.Message);
        Assert.Contains("4.0", error.Message);
    }

    [Fact]
    public void Read_TruncatedHeader_IsRefused()
    {
        var bytes = NumpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", []);
        var error = ReadInvalid(bytes[..40]);
        Assert.Contains("header of 118 bytes", error.Message);
        Assert.Contains("found only 30", error.Message);
    }

    [Fact]
    public void Read_HeaderLengthOfGigabytes_IsRefusedBeforeAllocating()
    {
        var bytes = new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0xFF, 0xFF, 0xFF, 0xF0, (byte)'{' };
        var error = ReadInvalid(bytes);
        Assert.Contains("at most 65536", error.Message);
        Assert.Contains("4043309055", error.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, }", "a number")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3) ", "'}'")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 3), }", "True, False")]
    [InlineData("{'descr': '<f4' 'fortran_order': False, 'shape': (2, 3), }", "','")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } trailing", "end of the header")]
    [InlineData("not a dict at all", "'{'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (6), }", "(6,)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': '(2, 3)', }", "'shape' to be a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (6,), }", "'fortran_order' to be True or False")]
    [InlineData("{'descr': '<f4', 'shape': (6,), }", "'fortran_order'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'extra': 1, }", "exactly the keys")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", "twice")]
    public void Read_HeaderThatDoesNotParse_IsRefusedSayingWhatWasExpected(string header, string expected)
    {
        var error = ReadInvalid(NumpyFile(header, new byte[24]));
        Assert.Contains("test.npy", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("<i4")]
    [InlineData("<f2")]
    [InlineData("<c16")]
    [InlineData("|b1")]
    [InlineData("<U3")]
    public void Read_UnknownDType_IsRefusedNamingIt(string descr)
    {
        var error = ReadInvalid(NumpyFile($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (2,), }}", new byte[64]));
        Assert.Contains($"'{descr}'", error.Message);
        Assert.Contains("'<f4'", error.Message);
    }

    [Fact]
    public void Read_StructuredDType_IsRefused()
    {
        var error = ReadInvalid(NumpyFile("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }", new byte[8]));
        Assert.Contains("structured dtype starting [('x', '<f4')]", error.Message);
    }

    [Theory]
    [InlineData("(2, 3)", 20, "expected 24 bytes", "20 bytes")]
    [InlineData("(2, 3)", 28, "expected 24 bytes", "28 bytes")]
    [InlineData("()", 0, "expected 4 bytes", "0 bytes")]
    [InlineData("(0, 3)", 4, "expected 0 bytes", "4 bytes")]
    public void Read_DataLengthNotMatchingShape_IsRefused(string shape, int dataLength, string expected, string found)
    {
        var error = ReadInvalid(NumpyFile($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", new byte[dataLength]));
        Assert.Contains(expected, error.Message);
        Assert.Contains(found, error.Message);
        Assert.Contains(shape, error.Message);
    }

    [Fact]
    public void Read_DataLengthNotMatchingShape_IsRefusedOnStreamsOfUnknownLengthToo()
    {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
        var shortError = Assert.Throws<InvalidDataException>(() => Npy.Read(new ForwardOnlyStream(NumpyFile(header, new byte[16])), "stream"));
        Assert.Contains("ends after 16 bytes", shortError.Message);
        var longError = Assert.Throws<InvalidDataException>(() => Npy.Read(new ForwardOnlyStream(NumpyFile(header, new byte[32])), "stream"));
        Assert.Contains("more data", longError.Message);
    }

    [Theory]
    [InlineData("(100000, 100000, 100000)", "at most")]
    [InlineData("(2147483591, 2147483591, 2147483591, 2147483591, 2147483591)", "at most")]
    [InlineData("(3, -2)", "-2")]
    [InlineData("(99999999999999999999999,)", "99999999999999999999999")]
    [InlineData("(4294967296,)", "4294967296")]
    public void Read_AbsurdDimensions_AreRefused(string shape, string found)
    {
        var error = ReadInvalid(NumpyFile($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", new byte[16]));
        Assert.Contains(found, error.Message);
    }

    [Fact]
    public void Read_TooManyDimensions_IsRefused()
    {
        var shape = "(" + string.Concat(Enumerable.Repeat("1, ", 65)) + ")";
        var error = ReadInvalid(NumpyFile($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", new byte[4]));
        Assert.Contains("at most 64 dimensions", error.Message);
    }

    [Fact]
    public void Read_HeaderPromisingGigabytesOverFewBytes_FailsWithoutAllocatingThem()
    {
        // 260 million doubles would be 2 GB; the data is 40 bytes. Neither kind of stream may allocate the 2 GB.
        var bytes = NumpyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (260000000,), }", new byte[40]);
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new ForwardOnlyStream(bytes) })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidDataException>(() => Npy.Read(stream, "hostile.npy"));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Contains("expected 2080000000 bytes", error.Message);
            Assert.True(allocated < 16 << 20, $"reading a hostile header allocated {allocated} bytes");
        }
    }

    [Fact]
    public void Read_LargeArrayFromStreamOfUnknownLength_GrowsToTheFullArray()
    {
        var values = Enumerable.Range(0, 700_003).Select(i => (float)Math.Sin(i)).ToArray();
        var bytes = NumpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (700003,), }", MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        var array = Npy.Read(new ForwardOnlyStream(bytes), "large");
        Assert.Equal(values, array.ToSingleArray());
    }

    static string DTypeName(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "float32",
        NpyDType.Float64 => "float64",
        NpyDType.UInt8 => "uint8",
        NpyDType.Int64 => "int64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>The elements through the public conversions, as little-endian bytes to compare with numpy's.</summary>
    static byte[] LittleEndianBytes(NpyArray array)
    {
        Assert.True(BitConverter.IsLittleEndian);
        return array.DType switch
        {
            NpyDType.Float32 => MemoryMarshal.AsBytes(array.ToSingleArray().AsSpan()).ToArray(),
            NpyDType.Float64 => MemoryMarshal.AsBytes(array.ToDoubleArray().AsSpan()).ToArray(),
            NpyDType.UInt8 => array.ToByteArray(),
            NpyDType.Int64 => MemoryMarshal.AsBytes(array.ToInt64Array().AsSpan()).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(array)),
        };
    }

    /// <summary>A version 1.0 file laid out as numpy lays it out (header padded with spaces to 64 bytes, then '\n').</summary>
    internal static byte[] NumpyFile(string header, byte[] data)
    {
        var padded = header.PadRight(63 - (10 + header.Length) % 64 + header.Length) + "\n";
        var result = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
        result.AddRange(length);
        result.AddRange(Encoding.Latin1.GetBytes(padded));
        result.AddRange(data);
        return result.ToArray();
    }

    static InvalidDataException ReadInvalid(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => Npy.Read(new MemoryStream(bytes), "'test.npy'"));

    /// <summary>A stream that cannot seek or tell its length, like a deflated zip entry.</summary>
    sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4096));
        public override int Read(Span<byte> buffer) => _inner.Read(buffer[..Math.Min(buffer.Length, 4096)]);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
