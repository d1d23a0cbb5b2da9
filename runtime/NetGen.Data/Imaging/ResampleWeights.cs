using System;

namespace NetGen.Data.Imaging;

/// <summary>
/// For one axis of a resize, which source pixels each destination pixel blends and with what weights.
/// Shrinking averages the exact area each destination pixel covers (a box filter, so no source pixel is
/// skipped and photos do not alias); enlarging interpolates linearly between pixel centres.
/// </summary>
internal sealed class ResampleWeights
{
    ResampleWeights(int[] firstSource, double[][] weights)
    {
        FirstSource = firstSource;
        Weights = weights;
    }

    /// <summary>The first source index each destination index blends.</summary>
    public int[] FirstSource { get; }

    /// <summary>The weights of consecutive source indices from <see cref="FirstSource"/>; each set sums to 1.</summary>
    public double[][] Weights { get; }

    /// <summary>Weights mapping <paramref name="sourceSize"/> pixels onto <paramref name="destinationSize"/>.</summary>
    public static ResampleWeights Create(int sourceSize, int destinationSize) =>
        destinationSize <= sourceSize ? AreaAverage(sourceSize, destinationSize) : Linear(sourceSize, destinationSize);

    static ResampleWeights AreaAverage(int sourceSize, int destinationSize)
    {
        var first = new int[destinationSize];
        var weights = new double[destinationSize][];
        for (int d = 0; d < destinationSize; d++)
        {
            // In units of 1/destinationSize source pixels, destination pixel d spans [d * src, (d + 1) * src)
            // and source pixel s spans [s * dst, (s + 1) * dst): integer overlaps, so exact weights.
            long start = (long)d * sourceSize, end = start + sourceSize;
            int firstSource = (int)(start / destinationSize), lastSource = (int)((end - 1) / destinationSize);
            var set = new double[lastSource - firstSource + 1];
            for (int s = firstSource; s <= lastSource; s++)
            {
                long overlap = Math.Min(end, (long)(s + 1) * destinationSize) - Math.Max(start, (long)s * destinationSize);
                set[s - firstSource] = (double)overlap / sourceSize;
            }
            first[d] = firstSource;
            weights[d] = set;
        }
        return new ResampleWeights(first, weights);
    }

    static ResampleWeights Linear(int sourceSize, int destinationSize)
    {
        var first = new int[destinationSize];
        var weights = new double[destinationSize][];
        for (int d = 0; d < destinationSize; d++)
        {
            // Align pixel centres (as OpenCV's INTER_LINEAR and PIL do) and clamp at the borders.
            double position = Math.Clamp((d + 0.5) * sourceSize / destinationSize - 0.5, 0, sourceSize - 1);
            int left = Math.Min((int)position, sourceSize - 1);
            double fraction = position - left;
            first[d] = left;
            weights[d] = left + 1 < sourceSize ? [1 - fraction, fraction] : [1.0];
        }
        return new ResampleWeights(first, weights);
    }
}
