using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>Chooses <see cref="LayerStrategy"/> per layer from its constant sizes, and says why, for the comment above the layer's code.</summary>
internal static class LayerStrategies
{
    /// <summary>Beyond this fan-in a written-out dot product is no longer readable and SIMD pays off.</summary>
    public const int MaxUnrolledInputs = 32;

    /// <summary>Keeps each unrolled method far below the JIT's limits (it stops optimising past ~60 KB of IL).</summary>
    public const int MaxUnrolledMultiplyAdds = 1024;

    /// <summary>Up to this many multiply-adds every one is written out; beyond, a loop over the units runs one written-out dot product.</summary>
    public const int MaxFullyUnrolledMultiplyAdds = 256;

    public static LayerStrategy For(LayerSpec layer) =>
        layer.Inputs <= MaxUnrolledInputs && layer.MultiplyAdds <= MaxUnrolledMultiplyAdds ? LayerStrategy.Unrolled : LayerStrategy.Tiled;

    /// <summary>Whether an unrolled layer writes out every multiply-add (rather than one dot product inside a loop over its units).</summary>
    public static bool IsFullyUnrolled(LayerSpec layer) => layer.MultiplyAdds <= MaxFullyUnrolledMultiplyAdds;

    public static string Reason(LayerSpec layer) => For(layer) == LayerStrategy.Unrolled
        ? IsFullyUnrolled(layer)
            ? $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example: unrolled into straight-line code with constant indices."
            : $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example: a loop over the {layer.Outputs} units, each a written-out dot product of {layer.Inputs} constant indices (code grows with inputs + units, not their product)."
        : layer.Inputs > MaxUnrolledInputs
            ? $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example over {Literals.Grouped(layer.Inputs)} inputs: too many to unroll (the JIT stops optimising huge methods), so the runtime's register-blocked SIMD kernels, compiled for this shape."
            : $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example: too many to unroll (the JIT stops optimising huge methods), so the runtime's register-blocked SIMD kernels, compiled for this shape.";

    /// <summary>The comment line that heads every block of this layer, e.g. "Layer 2: 20 -> 7, ReLU (W2: 7 x 20, B2: 7)".</summary>
    public static string Title(LayerSpec layer) =>
        $"Layer {layer.Index}: {layer.Inputs} -> {layer.Outputs}, {ActivationCode.Name(layer.Activation)} ({MemberNames.Weights(layer.Index)}: {layer.Outputs} x {layer.Inputs}, {MemberNames.Biases(layer.Index)}: {layer.Outputs})";
}
