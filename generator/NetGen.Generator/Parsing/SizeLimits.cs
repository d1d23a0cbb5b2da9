using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Rejects networks whose parameters cannot be counted in an <c>int</c> or held in .NET arrays (NG0005). The size
/// report asks <see cref="Fit"/> too, so it describes exactly the networks the generator emits.
/// </summary>
internal static class SizeLimits
{
    /// <summary>The largest element count of a one-dimensional .NET array (Array.MaxLength).</summary>
    public const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>Whether a network of layer sizes <paramref name="sizes"/> (all positive, at least two) can be generated.</summary>
    public static bool Fit(IReadOnlyList<int> sizes) => Exceeded(sizes) is null;

    public static void Check(NetworkSpec spec, Location at, List<DiagnosticInfo> diagnostics)
    {
        if (Exceeded(spec.Sizes) is not { } limit) return;
        var what = limit.Layer == 0 ? "ParameterCount is an int" : $"{spec.Layer(limit.Layer).Weights} is one array";
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterCountOverflow, at, spec.Name,
            limit.Count.ToString("N0", CultureInfo.InvariantCulture), limit.Maximum.ToString("N0", CultureInfo.InvariantCulture), what));
    }

    /// <summary>The first limit passed: the parameter count (layer 0), or the largest weight matrix (its layer); null when none is.</summary>
    static (int Layer, long Count, long Maximum)? Exceeded(IReadOnlyList<int> sizes)
    {
        var parameters = LayerCounts.Parameters(sizes);
        if (parameters > int.MaxValue) return (0, parameters, int.MaxValue);

        var largest = 1;
        for (var l = 2; l < sizes.Count; l++)
            if (LayerCounts.Weights(sizes[l - 1], sizes[l]) > LayerCounts.Weights(sizes[largest - 1], sizes[largest]))
                largest = l;
        var weights = LayerCounts.Weights(sizes[largest - 1], sizes[largest]);
        return weights > MaxArrayLength ? (largest, weights, MaxArrayLength) : null;
    }
}
