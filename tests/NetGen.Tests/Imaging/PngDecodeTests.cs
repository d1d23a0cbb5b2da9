using System;
using System.IO;
using NetGen.Data.Imaging;
using Xunit;

namespace NetGen.Tests.Imaging;

/// <summary>Decodes PNGs written by an independent Python encoder and compares every pixel.</summary>
public sealed class PngDecodeTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, PngSpec> ValidImages => new()
    {
        { "RGB, all five filters cycled", new PngSpec { ColorType = 2 } },
        { "RGB, only None", new PngSpec { ColorType = 2, Filters = [0] } },
        { "RGB, only Sub", new PngSpec { ColorType = 2, Filters = [1] } },
        { "RGB, only Up", new PngSpec { ColorType = 2, Filters = [2] } },
        { "RGB, only Average", new PngSpec { ColorType = 2, Filters = [3] } },
        { "RGB, only Paeth", new PngSpec { ColorType = 2, Filters = [4] } },
        { "RGB, filters in reverse order, 64x64", new PngSpec { ColorType = 2, Width = 64, Height = 64, Filters = [4, 3, 2, 1, 0], Seed = 7 } },
        { "RGB, seven IDAT chunks", new PngSpec { ColorType = 2, Width = 40, Height = 30, IdatChunks = 7 } },
        { "RGB, tRNS colour key", new PngSpec { ColorType = 2, Transparency = true } },
        { "RGB, one pixel", new PngSpec { ColorType = 2, Width = 1, Height = 1 } },
        { "RGBA, all filters", new PngSpec { ColorType = 6, Width = 17, Height = 11 } },
        { "RGBA, only Paeth", new PngSpec { ColorType = 6, Filters = [4], Seed = 3 } },
        { "gray 8-bit", new PngSpec { ColorType = 0 } },
        { "gray 8-bit, tRNS", new PngSpec { ColorType = 0, Transparency = true } },
        { "gray 4-bit, odd width", new PngSpec { ColorType = 0, BitDepth = 4, Width = 13 } },
        { "gray 2-bit", new PngSpec { ColorType = 0, BitDepth = 2, Width = 11 } },
        { "gray 1-bit, tRNS", new PngSpec { ColorType = 0, BitDepth = 1, Width = 19, Transparency = true } },
        { "gray+alpha", new PngSpec { ColorType = 4, Width = 9, Height = 12 } },
        { "palette 8-bit, 200 entries", new PngSpec { ColorType = 3, PaletteSize = 200 } },
        { "palette 8-bit, tRNS", new PngSpec { ColorType = 3, PaletteSize = 40, Transparency = true, Width = 21 } },
        { "palette 4-bit, odd width", new PngSpec { ColorType = 3, BitDepth = 4, Width = 15 } },
        { "palette 2-bit, 3 entries", new PngSpec { ColorType = 3, BitDepth = 2, PaletteSize = 3, Width = 10 } },
        { "palette 1-bit, tRNS", new PngSpec { ColorType = 3, BitDepth = 1, Width = 23, Transparency = true } },
    };

    [Theory]
    [MemberData(nameof(ValidImages))]
    public void Decodes_every_pixel_as_written(string description, PngSpec spec)
    {
        string path = _directory.File("image.png");
        byte[] expected = PythonPngWriter.Write(path, spec);

        RgbImage image = Png.Decode(path);

        Assert.True(image.Width == spec.Width && image.Height == spec.Height, $"{description}: decoded {image.Width}x{image.Height}");
        Assert.Equal(expected.Length, image.Pixels.Length);
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] != image.Pixels[i])
                Assert.Fail($"{description}: byte {i} (row {i / 3 / spec.Width}, col {i / 3 % spec.Width}, channel {i % 3}) is {image.Pixels[i]}, expected {expected[i]}");
    }

    [Fact]
    public void Decodes_bytes_in_memory_the_same_as_the_file()
    {
        string path = _directory.File("image.png");
        byte[] expected = PythonPngWriter.Write(path, new PngSpec { ColorType = 6, Seed = 11 });

        RgbImage image = Png.Decode(File.ReadAllBytes(path), "in-memory.png");

        Assert.Equal(expected, image.Pixels);
    }
}
