using System;
using System.IO;
using System.Linq;
using NetGen.Data.Imaging;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Imaging;

public sealed class RgbImageTests
{
    [Fact]
    public void HalvingAnImageOf2x2Blocks_GivesEachBlockItsColourExactly()
    {
        var random = new Random(5);
        var blockColours = new byte[64 * 64 * 3];
        random.NextBytes(blockColours);
        var pixels = new byte[128 * 128 * 3];
        for (int row = 0; row < 128; row++)
            for (int col = 0; col < 128; col++)
                for (int c = 0; c < 3; c++)
                    pixels[(row * 128 + col) * 3 + c] = blockColours[(row / 2 * 64 + col / 2) * 3 + c];

        RgbImage resized = new RgbImage(128, 128, pixels).ResizeTo(64, 64);

        Assert.Equal(64, resized.Width);
        Assert.Equal(64, resized.Height);
        Assert.Equal(blockColours, resized.Pixels);
    }

    [Fact]
    public void ShrinkingByThree_MatchesNumpyBlockMeans()
    {
        // Fixtures/Imaging (tests/fixtures/imaging.py): a random 192 x 192 image and numpy's 3 x 3 block means, rounded half up.
        RgbImage resized = new RgbImage(192, 192, Fixture.Bytes("Imaging/shrink3-image.rgb")).ResizeTo(64, 64);

        Assert.Equal(Fixture.Bytes("Imaging/shrink3-means.rgb"), resized.Pixels);
    }

    [Fact]
    public void ShrinkingByAFraction_AveragesTheCoveredArea()
    {
        // 3 pixels onto 2: the first output covers 1.5 source pixels (0 and half of 90): 45 / 1.5 = 30;
        // the second covers half of 90 and all of 180: (45 + 180) / 1.5 = 150.
        var image = new RgbImage(3, 1, [0, 0, 0, 90, 90, 90, 180, 180, 180]);

        Assert.Equal(new byte[] { 30, 30, 30, 150, 150, 150 }, image.ResizeTo(2, 1).Pixels);
    }

    [Fact]
    public void Enlarging_InterpolatesBetweenPixelCentres()
    {
        // 2 pixels onto 4: output centres sit at source positions -0.25, 0.25, 0.75, 1.25, clamped to [0, 1]:
        // 0, 0.25 * 255 = 63.75, 0.75 * 255 = 191.25, 255.
        var image = new RgbImage(2, 1, [0, 0, 0, 255, 255, 255]);

        byte[] red = image.ResizeTo(4, 1).Pixels.Where((_, i) => i % 3 == 0).ToArray();

        Assert.Equal(new byte[] { 0, 64, 191, 255 }, red);
    }

    [Theory]
    [InlineData(100, 75, 64, 64)]
    [InlineData(640, 480, 64, 64)]
    [InlineData(30, 20, 64, 64)]
    [InlineData(1, 1, 64, 64)]
    [InlineData(64, 64, 7, 129)]
    public void AConstantImage_StaysConstant(int width, int height, int newWidth, int newHeight)
    {
        var pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i % 3 == 0 ? 17 : i % 3 == 1 ? 128 : 251);

        RgbImage resized = new RgbImage(width, height, pixels).ResizeTo(newWidth, newHeight);

        Assert.Equal(newWidth * newHeight * 3, resized.Pixels.Length);
        for (int i = 0; i < resized.Pixels.Length; i++)
            Assert.Equal(i % 3 == 0 ? 17 : i % 3 == 1 ? 128 : 251, resized.Pixels[i]);
    }

    [Fact]
    public void ResizingToTheSameSize_CopiesThePixels()
    {
        var pixels = new byte[5 * 4 * 3];
        new Random(2).NextBytes(pixels);
        var image = new RgbImage(5, 4, pixels);

        RgbImage same = image.ResizeTo(5, 4);

        Assert.Equal(pixels, same.Pixels);
        Assert.NotSame(pixels, same.Pixels);
    }

    [Fact]
    public void ShrinkingAGradient_KeepsItMonotonic()
    {
        var pixels = new byte[300 * 2 * 3];
        for (int row = 0; row < 2; row++)
            for (int col = 0; col < 300; col++)
                for (int c = 0; c < 3; c++) pixels[(row * 300 + col) * 3 + c] = (byte)(col * 255 / 299);

        byte[] resized = new RgbImage(300, 2, pixels).ResizeTo(64, 1).Pixels;

        for (int col = 1; col < 64; col++) Assert.True(resized[col * 3] >= resized[(col - 1) * 3], $"column {col} is darker than column {col - 1}");
        Assert.True(resized[0] <= 3 && resized[63 * 3] >= 252, $"ends are {resized[0]} and {resized[63 * 3]}");
    }

    [Fact]
    public void ToNetworkInput_MatchesNumpyFlatteningOfAnH5StyleImageDividedBy255()
    {
        // Every byte value, so all 256 quotients are checked; numpy's reference (Fixtures/Imaging/network-input.f4) reads
        // the pixels as a (height, width, 3) array like the course's h5 datasets, divides by 255 and flattens the numpy way.
        var image = Png.Decode(Fixture.Path("Imaging/network-input.png"));
        for (int i = 0; i < 256; i++) image.Pixels[i] = (byte)i;

        float[] input = image.ToNetworkInput();

        byte[] actual = new byte[input.Length * 4];
        Buffer.BlockCopy(input, 0, actual, 0, actual.Length);
        Assert.Equal(Fixture.Bytes("Imaging/network-input.f4"), actual);
        Assert.Equal(image.Pixels[(5 * 16 + 11) * 3 + 2] / 255f, input[(5 * 16 + 11) * 3 + 2]);
    }

    [Fact]
    public void PixelsOfTheWrongLengthAndNonPositiveSizes_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new RgbImage(4, 3, new byte[35]));
        Assert.Contains("needs 36 bytes; 35 were given", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 3, []));
        var image = new RgbImage(1, 1, [1, 2, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.ResizeTo(64, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.ResizeTo(-1, 64));
    }
}
