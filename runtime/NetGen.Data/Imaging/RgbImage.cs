using System;

namespace NetGen.Data.Imaging;

/// <summary>An 8-bit RGB image: <see cref="Pixels"/> holds rows top to bottom, each pixel as red, green, blue bytes.</summary>
public sealed class RgbImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied) as a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, or <paramref name="pixels"/> is not width * height * 3 bytes.</exception>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * 3)
            throw new ArgumentException($"A {width}x{height} RGB image needs {(long)width * height * 3} bytes; {pixels.LongLength} were given.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, row-major: the channel c (0 red, 1 green, 2 blue) of pixel (row, col) is at <c>(row * Width + col) * 3 + c</c>.</summary>
    public byte[] Pixels { get; }

    /// <summary>
    /// Returns a copy resized to <paramref name="width"/> x <paramref name="height"/>, ignoring aspect ratio.
    /// Each axis is shrunk by averaging the exact source area a destination pixel covers (so shrinking
    /// 128 to 64 averages 2 x 2 blocks) and enlarged by linear interpolation between pixel centres.
    /// </summary>
    public RgbImage ResizeTo(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var horizontal = ResampleWeights.Create(Width, width);
        var vertical = ResampleWeights.Create(Height, height);

        // Horizontal pass first: it shrinks the intermediate to Height x width, small for photos going to 64 x 64.
        var rows = new double[(long)Height * width * 3];
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<byte> source = Pixels.AsSpan(y * Width * 3, Width * 3);
            Span<double> target = rows.AsSpan(y * width * 3, width * 3);
            for (int x = 0; x < width; x++)
            {
                double[] weights = horizontal.Weights[x];
                int first = horizontal.FirstSource[x];
                double red = 0, green = 0, blue = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    int i = (first + k) * 3;
                    red += weights[k] * source[i];
                    green += weights[k] * source[i + 1];
                    blue += weights[k] * source[i + 2];
                }
                target[3 * x] = red;
                target[3 * x + 1] = green;
                target[3 * x + 2] = blue;
            }
        }

        var pixels = new byte[(long)width * height * 3];
        int rowLength = width * 3;
        for (int y = 0; y < height; y++)
        {
            double[] weights = vertical.Weights[y];
            int first = vertical.FirstSource[y];
            for (int i = 0; i < rowLength; i++)
            {
                double sum = 0;
                for (int k = 0; k < weights.Length; k++) sum += weights[k] * rows[(first + k) * rowLength + i];
                pixels[y * rowLength + i] = (byte)Math.Clamp(Math.Round(sum, MidpointRounding.AwayFromZero), 0, 255);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// The network input for this image: every byte of <see cref="Pixels"/> divided by 255, in the same
    /// height x width x 3 order (index <c>(row * Width + col) * 3 + channel</c>) as the course's h5 images
    /// flattened per example. Resize to the network's input size first.
    /// </summary>
    public float[] ToNetworkInput()
    {
        var input = new float[Pixels.Length];
        for (int i = 0; i < input.Length; i++) input[i] = Pixels[i] / 255f;
        return input;
    }
}
