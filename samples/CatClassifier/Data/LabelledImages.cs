using System;
using System.Linq;

namespace CatClassifier.Data;

/// <summary>
/// A set of 64 x 64 RGB images with 0/1 labels, as the network takes them: <c>X[i * 12288 + k]</c> is pixel byte k
/// of image i scaled to [0, 1] (the course's <c>/ 255</c>), in the course's (row, column, channel) order.
/// </summary>
public sealed record LabelledImages(string Name, float[] X, float[] Y)
{
    public const int Width = 64, Height = 64, Channels = 3, PixelBytes = Width * Height * Channels;

    public int Count => Y.Length;

    public int Cats => Y.Count(label => label == 1);

    public ReadOnlySpan<float> Image(int index) => X.AsSpan(index * PixelBytes, PixelBytes);

    /// <summary>Scales raw pixel bytes (N x 64 x 64 x 3) and integer labels into a set, checking they agree.</summary>
    public static LabelledImages FromBytes(string name, byte[] pixels, long[] labels)
    {
        if (pixels.Length != labels.Length * PixelBytes)
            throw new System.IO.InvalidDataException(
                $"{name}: {labels.Length} labels need {labels.Length * PixelBytes} pixel bytes (N x 64 x 64 x 3), but the images hold {pixels.Length}.");
        var x = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++) x[i] = pixels[i] / 255f;
        var y = new float[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0 or 1))
                throw new System.IO.InvalidDataException($"{name}: label {i} must be 0 or 1, but it is {labels[i]}.");
            y[i] = labels[i];
        }
        return new LabelledImages(name, x, y);
    }
}
