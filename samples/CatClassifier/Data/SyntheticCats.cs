using System;
using NetGen.Numerics;

namespace CatClassifier.Data;

/// <summary>
/// The built-in data set: deterministic 64 x 64 images of two classes, so the sample runs with no files.
/// A "cat" is a warm orange ellipse with darker stripes; a "non-cat" is an ellipse of any other hue, sometimes
/// striped too. Position, size, background and noise vary, so the network has to learn colour and texture
/// together, not one pixel.
/// </summary>
public static class SyntheticCats
{
    public static (LabelledImages Train, LabelledImages Test) Create(uint seed = 1)
    {
        var random = new NumpyRandom(seed);
        return (Generate("built-in train set", 209, random), Generate("built-in test set", 50, random));
    }

    static LabelledImages Generate(string name, int count, NumpyRandom random)
    {
        var x = new float[count * LabelledImages.PixelBytes];
        var y = new float[count];
        for (var i = 0; i < count; i++)
        {
            var cat = random.NextDouble() < 0.4; // about the course's share of cats
            y[i] = cat ? 1 : 0;
            Draw(x.AsSpan(i * LabelledImages.PixelBytes, LabelledImages.PixelBytes), cat, random);
        }
        return new LabelledImages(name, x, y);
    }

    static void Draw(Span<float> image, bool cat, NumpyRandom random)
    {
        var background = Colour(random.NextDouble(), 0.25 + 0.35 * random.NextDouble(), 0.3 + 0.4 * random.NextDouble());
        // Cats: hue 20-40 degrees. Others: anywhere else on the wheel.
        var hue = cat ? (20 + 20 * random.NextDouble()) / 360 : (50 + 290 * random.NextDouble()) / 360;
        var body = Colour(hue, 0.6 + 0.3 * random.NextDouble(), 0.65 + 0.3 * random.NextDouble());
        var striped = cat || random.NextDouble() < 0.3;
        double cx = 16 + 32 * random.NextDouble(), cy = 16 + 32 * random.NextDouble();
        double rx = 10 + 12 * random.NextDouble(), ry = 8 + 10 * random.NextDouble();
        var stripePeriod = 5 + 4 * random.NextDouble();

        for (var row = 0; row < LabelledImages.Height; row++)
            for (var col = 0; col < LabelledImages.Width; col++)
            {
                double dx = (col - cx) / rx, dy = (row - cy) / ry;
                var inside = dx * dx + dy * dy <= 1;
                var colour = inside ? body : background;
                var shade = inside && striped && (col / stripePeriod) % 2 < 1 ? 0.6 : 1.0;
                var pixel = image.Slice((row * LabelledImages.Width + col) * 3, 3);
                for (var c = 0; c < 3; c++)
                    pixel[c] = (float)Math.Clamp(colour[c] * shade + 0.08 * (random.NextDouble() - 0.5), 0, 1);
            }
    }

    /// <summary>HSV to RGB, each in [0, 1].</summary>
    static double[] Colour(double hue, double saturation, double value)
    {
        var h = hue * 6;
        var sector = (int)Math.Floor(h) % 6;
        var f = h - Math.Floor(h);
        double p = value * (1 - saturation), q = value * (1 - f * saturation), t = value * (1 - (1 - f) * saturation);
        return sector switch
        {
            0 => new[] { value, t, p },
            1 => new[] { q, value, p },
            2 => new[] { p, value, t },
            3 => new[] { p, q, value },
            4 => new[] { t, p, value },
            _ => new[] { value, p, q },
        };
    }
}
