using System;
using System.IO;
using NetGen.Data.Imaging;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Imaging;

/// <summary>Damaged, truncated and unsupported PNGs (Fixtures/Imaging, made by tests/fixtures/imaging.py) are refused with an <see cref="InvalidDataException"/> that names the file and the problem.</summary>
public sealed class PngRejectTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("rgb16", "16-bit depth")]
    [InlineData("gray16", "16-bit depth")]
    [InlineData("adam7", "Adam7 interlacing")]
    [InlineData("interlace2", "interlace method 2")]
    [InlineData("rgb-depth4", "bit depth 4 with color type 2")]
    [InlineData("bad-signature", "not the PNG signature")]
    [InlineData("bad-idat-crc", "chunk 'IDAT' at offset")]
    [InlineData("bad-ihdr-crc", "chunk 'IHDR' at offset 8 stores CRC")]
    [InlineData("bad-text-crc", "chunk 'tEXt'")]
    [InlineData("iend-cut-off", "without an IEND chunk")]
    [InlineData("cut-inside-iend", "too few for a chunk")]
    [InlineData("cut-inside-idat", "truncated")]
    [InlineData("absurd-dimensions", "100000x100000")]
    [InlineData("rows-missing", "inflates to 275 bytes")]
    [InlineData("surplus-data", "inflates to more than the 280 bytes")]
    [InlineData("bad-adler", "not a valid zlib stream")]
    [InlineData("filter-type5", "row 3 has filter type 5")]
    [InlineData("palette-index-past-plte", "palette index 10")]
    [InlineData("unknown-critical-chunk", "critical chunk 'CRIT'")]
    public void DamagedFiles_AreRefusedWithAMessageNamingTheFileAndTheProblem(string name, string expectedDetail)
    {
        string path = Fixture.Path($"Imaging/{name}.png"); // imaging.py's DAMAGED table says how each is damaged

        var error = Assert.Throws<InvalidDataException>(() => Png.Decode(path));

        Assert.True(error.Message.Contains(path, StringComparison.Ordinal), $"{name}: message does not name the file: {error.Message}");
        Assert.True(error.Message.Contains(expectedDetail, StringComparison.Ordinal), $"{name}: expected '{expectedDetail}' in: {error.Message}");
    }

    [Fact]
    public void EveryTruncation_IsRefusedWithInvalidDataException()
    {
        byte[] whole = Fixture.Bytes("Imaging/truncation-source.png"); // 20 x 9 RGB in three IDAT chunks

        for (int length = 0; length < whole.Length; length++)
        {
            var error = Record.Exception(() => Png.Decode(whole.AsSpan(0, length), "cut.png"));
            Assert.True(error is InvalidDataException, $"cut to {length} of {whole.Length} bytes: {error?.GetType().Name ?? "no exception"} {error?.Message}");
        }
    }

    [Fact]
    public void EverySingleByteFlip_IsRefusedWithInvalidDataException()
    {
        byte[] whole = Fixture.Bytes("Imaging/flip-source.png"); // 9 x 5, 4-bit palette of 12 entries with tRNS

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
    public void AHeaderTooLargeForItsData_IsRefusedBeforeAllocatingTheImage()
    {
        byte[] file = Fixture.Bytes("Imaging/huge-header.png"); // a header of 8000 x 8000 over 13 x 7 pixels' data

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Png.Decode(file, "huge.png"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("8000x8000", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing a 192 MB image");
    }

    [Fact]
    public void AMissingFile_IsReportedAsFileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => Png.Decode(_directory.File("absent.png")));
    }
}
