using System;
using System.IO;
using System.Linq;
using NetGen.Data.Imaging;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Imaging;

/// <summary>
/// JPEG photos written by libjpeg (Pillow, tests/fixtures/jpeg.py) decode through <see cref="ImageFile"/> to what libjpeg
/// decodes them to and to the pixels they were made from, within the codec's tolerance; NetGen's own checks refuse
/// lying headers before StbImageSharp runs.
/// </summary>
public sealed class JpegDecodeTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    string PathOf(string name) => Path.Combine(_directory.Path, name);

    static string Fixture(string name) => Infrastructure.Fixture.Path("Jpeg/" + name);

    // Two correct decoders differ by their IDCT and chroma upsampling (a few levels, more with 4:2:0 subsampling);
    // against the original pixels NetGen's decoding may be off by the encoder's quantisation, as libjpeg's is, plus
    // that difference between the decoders.
    [Theory]
    [InlineData("color_q95_444", 2, 0.1)]
    [InlineData("color_q85_420", 4, 0.5)]
    [InlineData("color_progressive", 4, 0.5)]
    [InlineData("gray_q90", 1, 0.1)]
    public void Decode_EncodedByLibjpeg_MatchesLibjpegsDecoding_AndIsAsCloseToTheOriginal(string name, int maxFromLibjpeg, double meanFromLibjpeg)
    {
        var image = ImageFile.Decode(Fixture(name + ".jpg"));

        var arrays = Npz.Read(Fixture(name + ".npz"));
        var (libjpeg, original) = (arrays["libjpeg"].ToByteArray(), arrays["original"].ToByteArray());
        Assert.Equal([image.Height, image.Width, 3], arrays["libjpeg"].Shape);
        var (max, mean) = Differences(libjpeg, image.Pixels);
        Assert.True(max <= maxFromLibjpeg && mean <= meanFromLibjpeg,
            $"{name} against libjpeg: differences up to {max} (allowed {maxFromLibjpeg}), mean {mean:F3} (allowed {meanFromLibjpeg})");

        var (codecMax, codecMean) = Differences(original, libjpeg);
        var (ourMax, ourMean) = Differences(original, image.Pixels);
        Assert.True(ourMax <= codecMax + maxFromLibjpeg && ourMean <= codecMean + meanFromLibjpeg,
            $"{name} against the original: NetGen is off by up to {ourMax} (mean {ourMean:F3}), libjpeg by up to {codecMax} (mean {codecMean:F3})");
    }

    [Fact]
    public void Decode_Png_GoesToNetGensPngDecoder_Exactly()
    {
        var image = ImageFile.Decode(Fixture("color_lossless.png"));
        Assert.Equal(Npz.Read(Fixture("color_q95_444.npz"))["original"].ToByteArray(), image.Pixels);
    }

    [Fact]
    public void Decode_TruncatedJpeg_DecodesPartially_AsReadmeWarns()
    {
        // JPEG has no checksum and StbImageSharp does not check the entropy-coded data: the missing part comes out
        // wrong instead of the file being refused. The header is intact, so the size is right.
        var bytes = File.ReadAllBytes(Fixture("color_q95_444.jpg"));
        File.WriteAllBytes(PathOf("cut.jpg"), bytes[..(bytes.Length * 3 / 4)]);

        var image = ImageFile.Decode(PathOf("cut.jpg"));

        Assert.Equal((48, 32), (image.Width, image.Height));
        var original = Npz.Read(Fixture("color_q95_444.npz"))["original"].ToByteArray();
        Assert.NotEqual(original.Select(b => b / 16), image.Pixels.Select(b => b / 16));
    }

    [Theory]
    [InlineData(65535, 65535, "its frame header gives dimensions 65535x65535 (4294836225 pixels), more than the decoder's limit of 67108864 pixels")]
    [InlineData(48, 0, "its frame header gives dimensions 48x0; NetGen needs both in the frame header (no DNL)")]
    public void Decode_FrameHeaderOutOfLimits_IsRefusedBeforeDecoding(int width, int height, string expected)
    {
        var bytes = File.ReadAllBytes(Fixture("color_q95_444.jpg"));
        int sof = FrameHeaderOffset(bytes); // FF C0, length (2 bytes), precision, height (2), width (2)
        (bytes[sof + 5], bytes[sof + 6]) = ((byte)(height >> 8), (byte)height);
        (bytes[sof + 7], bytes[sof + 8]) = ((byte)(width >> 8), (byte)width);
        File.WriteAllBytes(PathOf("lie.jpg"), bytes);

        var error = Assert.Throws<InvalidDataException>(() => ImageFile.Decode(PathOf("lie.jpg")));

        Assert.Equal($"'{PathOf("lie.jpg")}' is not a valid JPEG file: {expected}.", error.Message);
    }

    [Fact]
    public void Decode_SegmentLengthPastTheEnd_IsRefused()
    {
        var bytes = File.ReadAllBytes(Fixture("color_q95_444.jpg"))[..40];
        var error = Assert.Throws<InvalidDataException>(() => Decode(bytes));
        Assert.Contains("is not a valid JPEG file: ", error.Message);
    }

    [Fact]
    public void Decode_NeitherPngNorJpeg_IsRefusedNamingWhatItStartsWith()
    {
        File.WriteAllBytes(PathOf("photo.jpg"), "GIF89a..."u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => ImageFile.Decode(PathOf("photo.jpg")));
        Assert.Equal($"'{PathOf("photo.jpg")}' is neither a PNG nor a JPEG file (it starts with 4749463839612E2E); NetGen decodes those two.", error.Message);
    }

    [Fact]
    public void Decode_FileLargerThanTheLimit_IsRefusedWithoutReadingIt()
    {
        using (var file = File.Create(PathOf("huge.jpg")))
        {
            file.Write([0xFF, 0xD8, 0xFF, 0xE0]); // a JPEG's start, then zeros
            file.SetLength((1L << 28) + 1); // sparse: no disk used
        }
        var error = Assert.Throws<InvalidDataException>(() => ImageFile.Decode(PathOf("huge.jpg")));
        Assert.Equal($"'{PathOf("huge.jpg")}' is not a JPEG NetGen reads: it is 268435457 bytes long, more than the 268435456 bytes of the largest JPEG it decodes.", error.Message);
    }

    [Fact]
    public void Decode_EveryTruncationAndSeededFlips_GiveAnImageOrInvalidDataException()
    {
        // Damage may decode (JPEG cannot tell) but must never escape as another exception or a wrong-sized image.
        var bytes = File.ReadAllBytes(Fixture("gray_q90.jpg"));
        for (int length = 0; length < bytes.Length; length++) DecodesOrRefuses(bytes[..length]);
        var random = new Random(15);
        for (int trial = 0; trial < 300; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            DecodesOrRefuses(damaged);
        }
    }

    void DecodesOrRefuses(byte[] bytes)
    {
        try
        {
            var image = Decode(bytes);
            Assert.Equal((long)image.Width * image.Height * 3, image.Pixels.LongLength);
        }
        catch (InvalidDataException error)
        {
            Assert.StartsWith($"'{PathOf("damaged.jpg")}'", error.Message);
        }
    }

    RgbImage Decode(byte[] bytes)
    {
        File.WriteAllBytes(PathOf("damaged.jpg"), bytes);
        return ImageFile.Decode(PathOf("damaged.jpg"));
    }

    /// <summary>Where the SOF0 marker (FF C0) of a baseline file starts.</summary>
    static int FrameHeaderOffset(byte[] bytes)
    {
        for (int i = 2; i + 1 < bytes.Length; i++)
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xC0) return i;
        throw new InvalidOperationException("no SOF0 marker");
    }

    static (int Max, double Mean) Differences(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var differences = expected.Zip(actual, (e, a) => Math.Abs(e - a)).ToArray();
        return (differences.Max(), differences.Average());
    }
}
