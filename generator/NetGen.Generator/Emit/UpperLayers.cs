using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// What both of <c>Train</c>'s own steps (the fused one and the Gram-matrix one) do around layer 1: layers 2 to L
/// forward, and from the output down to layer 2 backward with their updates. The emitted code uses the locals
/// <c>caches</c>, <c>gradients</c>, <c>y</c>, <c>m</c>, <c>inverseM</c> and <c>learningRate</c>.
/// </summary>
internal static class UpperLayers
{
    /// <summary>A2 .. AL from A1.</summary>
    public static void EmitForward(SourceWriter w, NetworkSpec spec)
    {
        foreach (var layer in spec.Layers.Skip(1))
        {
            w.Line($"// {LayerPlan.Title(layer)}");
            w.Line($"ForwardLayer{layer.Index}(caches.A{layer.Index - 1}, caches.A{layer.Index}, m);");
        }
    }

    /// <summary>dZL = AL - Y, then every layer's backward pass and update from L down to 2, leaving dZ1 in the caches.</summary>
    public static void EmitBackwardAndUpdate(SourceWriter w, NetworkSpec spec)
    {
        var last = spec.LayerCount;
        w.Line($"// Output: dZ{last} = A{last} - Y.");
        w.Line($"{Names.VectorMath}.Subtract(new {Names.ReadOnlySpan}(caches.A{last}, 0, m * OutputSize), y, caches.DZ{last});");
        for (var index = last; index >= 2; index--)
        {
            var layer = spec.Layer(index);
            var tiles = LayerPlan.For(layer) == LayerStrategy.Tiled ? $", caches.Tiles{index}" : "";
            w.Line($"// {LayerPlan.Title(layer)}");
            w.Line($"BackwardLayer{index}(caches.A{index - 1}, caches.DZ{index}, gradients, caches.DZ{index - 1}, m, inverseM{tiles});");
            w.Line($"{Names.VectorMath}.SubtractScaled({layer.Weights}, gradients.D{layer.Weights}, learningRate);");
            w.Line($"{Names.VectorMath}.SubtractScaled({layer.Biases}, gradients.D{layer.Biases}, learningRate);");
        }
    }
}
