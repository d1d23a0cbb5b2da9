using System;
using System.IO;
using NetGen.Data.Imaging;
using Xunit;

namespace NetGen.Tests.Imaging;

/// <summary>Damaged, truncated and unsupported PNGs are refused with an <see cref="InvalidDataException"/> that names the file and the problem.</summary>
public sealed class PngRejectTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, PngSpec, string> BadImages => new()
    {
        { "16-bit RGB", new PngSpec { BitDepth = 16 }, "16-bit depth" },
        { "16-bit gray", new PngSpec { ColorType = 0, BitDepth = 16 }, "16-bit depth" },
        { "Adam7", new PngSpec { Interlace = 1 }, "Adam7 interlacing" },
        { "unknown interlace method", new PngSpec { Interlace = 2 }, "interlace method 2" },
        { "bit depth RGB may not have", new PngSpec { BitDepth = 4 }, "bit depth 4 with color type 2" },
        { "bad signature", new PngSpec { BadSignature = true }, "not the PNG signature" },
        { "bad IDAT CRC", new PngSpec { BadCrcChunk = "IDAT" }, "chunk 'IDAT' at offset" },
        { "bad IHDR CRC", new PngSpec { BadCrcChunk = "IHDR" }, "chunk 'IHDR' at offset 8 stores CRC" },
        { "bad ancillary CRC", new PngSpec { BadCrcChunk = "tEXt" }, "chunk 'tEXt'" },
        { "IEND cut off", new PngSpec { TruncateBy = 12 }, "without an IEND chunk" },
        { "cut inside IEND", new PngSpec { TruncateBy = 5 }, "too few for a chunk" },
        { "cut inside IDAT", new PngSpec { TruncateBy = 30, Width = 30, Height = 30 }, "truncated" },
        { "absurd dimensions", new PngSpec { HeaderWidth = 100000, HeaderHeight = 100000 }, "100000x100000" },
        { "rows missing from the data", new PngSpec { MissingBytes = 5 }, "inflates to 275 bytes" },
        { "surplus data", new PngSpec { ExtraBytes = 40 }, "inflates to more than the 280 bytes" },
        { "zlib checksum wrong", new PngSpec { BadAdler = true }, "not a valid zlib stream" },
        { "filter type 5", new PngSpec { BadFilterRow = 3 }, "row 3 has filter type 5" },
        { "palette index past PLTE", new PngSpec { ColorType = 3, PaletteSize = 10, IndexOutOfRange = true }, "palette index 10" },
        { "unknown critical chunk", new PngSpec { ExtraCriticalChunk = "CRIT" }, "critical chunk 'CRIT'" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public void Refuses_with_a_message_naming_the_file_and_the_problem(string description, PngSpec spec, string expectedDetail)
    {
        string path = _directory.File("bad.png");
        PythonPngWriter.Write(path, spec);

        var error = Assert.Throws<InvalidDataException>(() => Png.Decode(path));

        Assert.True(error.Message.Contains(path, StringComparison.Ordinal), $"{description}: message does not name the file: {error.Message}");
        Assert.True(error.Message.Contains(expectedDetail, StringComparison.Ordinal), $"{description}: expected '{expectedDetail}' in: {error.Message}");
    }

    [Fact]
    public void Refuses_every_truncation_with_InvalidDataException()
    {
        string path = _directory.File("whole.png");
        PythonPngWriter.Write(path, new PngSpec { Width = 20, Height = 9, IdatChunks = 3 });
        byte[] whole = File.ReadAllBytes(path);

        for (int length = 0; length < whole.Length; length++)
        {
            var error = Record.Exception(() => Png.Decode(whole.AsSpan(0, length), "cut.png"));
            Assert.True(error is InvalidDataException, $"cut to {length} of {whole.Length} bytes: {error?.GetType().Name ?? "no exception"} {error?.Message}");
        }
    }

    [Fact]
    public void Refuses_every_single_byte_flip_with_InvalidDataException()
    {
        string path = _directory.File("whole.png");
        PythonPngWriter.Write(path, new PngSpec { ColorType = 3, BitDepth = 4, PaletteSize = 12, Transparency = true, Width = 9, Height = 5 });
        byte[] whole = File.ReadAllBytes(path);

        // CRCs catch every flip inside a chunk; flips in lengths and the signature must fail cleanly too.
        for (int offset = 0; offset < whole.Length; offset++)
        {
            byte[] damaged = (byte[])whole.Clone();
            damaged[offset] ^= 0x10;
            var error = Record.Exception(() => Png.Decode(damaged, "flipped.png"));
            Assert.True(error is InvalidDataException, $"flip at offset {offset}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
        }
    }

    [Fact]
    public void Refuses_a_header_too_large_for_its_data_before_allocating_the_image()
    {
        string path = _directory.File("huge.png");
        PythonPngWriter.Write(path, new PngSpec { HeaderWidth = 8000, HeaderHeight = 8000 });
        byte[] file = File.ReadAllBytes(path);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Png.Decode(file, "huge.png"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("8000x8000", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing a 192 MB image");
    }

    [Fact]
    public void Reports_a_missing_file_as_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => Png.Decode(_directory.File("absent.png")));
    }
}
