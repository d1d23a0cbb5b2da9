using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>The softmax output activation, row by row over sample-major outputs; shape-free, so it lives here once.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Softmax
{
    /// <summary>
    /// Replaces each of the first <paramref name="m"/> rows of <paramref name="width"/> values z with
    /// <c>e^(z_j - max z) / sum_k e^(z_k - max z)</c>: subtracting the row's largest z keeps every exponent at most 0,
    /// so nothing overflows and the largest output is never 0.
    /// </summary>
    public static void Rows(Span<float> values, int m, int width)
    {
        for (var i = 0; i < m; i++)
        {
            var row = values.Slice(i * width, width);
            var max = row[0];
            for (var j = 1; j < row.Length; j++) max = MathF.Max(max, row[j]);
            var sum = 0f;
            for (var j = 0; j < row.Length; j++)
            {
                var e = ExampleLanes.Exp(row[j] - max);
                row[j] = e;
                sum += e;
            }
            var inverse = 1f / sum;
            for (var j = 0; j < row.Length; j++) row[j] *= inverse;
        }
    }
}
