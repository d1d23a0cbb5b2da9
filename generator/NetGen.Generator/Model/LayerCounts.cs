using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>
/// The counts of a network with layer sizes n0 .. nL, in one place: the generated constants and remarks, the size
/// limits (NG0005) and the size report (NG0100) all read them from here.
/// </summary>
internal static class LayerCounts
{
    /// <summary>The weights of a layer of <paramref name="outputs"/> units over <paramref name="inputs"/>: its multiply-adds per example.</summary>
    public static long Weights(int inputs, int outputs) => (long)inputs * outputs;

    /// <summary>Weights and biases of every layer.</summary>
    public static long Parameters(IReadOnlyList<int> sizes)
    {
        long total = 0;
        for (var l = 1; l < sizes.Count; l++) total += Weights(sizes[l - 1], sizes[l]) + sizes[l];
        return total;
    }

    /// <summary>Multiply-adds of one example's forward pass: the weights of every layer.</summary>
    public static long MultiplyAdds(IReadOnlyList<int> sizes)
    {
        long total = 0;
        for (var l = 1; l < sizes.Count; l++) total += Weights(sizes[l - 1], sizes[l]);
        return total;
    }
}
