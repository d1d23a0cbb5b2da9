using System;
using System.IO;
using System.Linq;
using NetGen.Data.Imaging;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Imaging;

/// <summary>
/// Decodes PNGs written by an independent Python encoder (Fixtures/Imaging, made by tests/fixtures/imaging.py, whose
/// DECODED table says what each holds: colour type, bit depth, filters, chunks, transparency) and compares every pixel
/// with the RGB the encoder says it holds.
/// </summary>
public sealed class PngDecodeTests
{
    /// <summary>Every image of imaging.py's DECODED table, as decoded.txt lists them: name, width, height.</summary>
    public static TheoryData<string, int, int> ValidImages() => new(Decoded());

    static (string Name, int Width, int Height)[] Decoded() =>
        Fixture.Text("Imaging/decoded.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(fields => (fields[0], int.Parse(fields[1]), int.Parse(fields[2])))
            .ToArray();

    [Theory]
    [MemberData(nameof(ValidImages))]
    public void EveryPixel_IsDecodedAsWritten(string name, int width, int height)
    {
        byte[] expected = Fixture.Bytes($"Imaging/{name}.rgb");

        RgbImage image = Png.Decode(Fixture.Path($"Imaging/{name}.png"));

        Assert.True(image.Width == width && image.Height == height, $"{name}: decoded {image.Width}x{image.Height}, written {width}x{height}");
        Assert.Equal(expected.Length, image.Pixels.Length);
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] != image.Pixels[i])
                Assert.Fail($"{name}: byte {i} (row {i / 3 / width}, col {i / 3 % width}, channel {i % 3}) is {image.Pixels[i]}, expected {expected[i]}");
    }

    [Fact]
    public void TheCases_CoverEveryColourTypeAndBitDepthTheDecoderSupports()
    {
        var names = Decoded().Select(image => image.Name).ToArray();
        foreach (var kind in new[] { "rgb-", "rgba-", "gray8", "gray4", "gray2", "gray1", "gray-alpha", "palette8", "palette4", "palette2", "palette1" })
            Assert.Contains(names, name => name.StartsWith(kind, StringComparison.Ordinal));
    }

    [Fact]
    public void BytesInMemory_DecodeTheSameAsTheFile()
    {
        RgbImage image = Png.Decode(Fixture.Bytes("Imaging/rgba-seed11.png"), "in-memory.png");

        Assert.Equal(Fixture.Bytes("Imaging/rgba-seed11.rgb"), image.Pixels);
    }
}
