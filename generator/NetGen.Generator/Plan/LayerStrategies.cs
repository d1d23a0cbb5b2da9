using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>Chooses <see cref="LayerStrategy"/> per layer from its constant sizes, and says why, for the comment above the layer's code.</summary>
internal static class LayerStrategies
{
    // Measured on Zen 5 (AVX-512), batches of 16 to 256, forward and backward, each kernel reading and writing
    // sample-major (the worst case for the lanes, which then gather and scatter): the lane kernels beat the dense tiles
    // by 2-10x up to 32 inputs, and by 1.5-5x for 45 -> 19, 64 -> 32 and 128 -> 64; the dense tiles win where a long dot
    // product feeds few units (64 -> 2: 2x) and past 128 inputs (256 -> 32: backward 1.5x).

    /// <summary>Up to this fan-in a layer runs in lanes whatever its width (within <see cref="MaxLaneUnits"/>).</summary>
    public const int MaxSmallInputs = 32;

    /// <summary>Up to this fan-in a layer of at least <see cref="MinMidSizeUnits"/> units runs in lanes.</summary>
    public const int MaxLaneInputs = 128;

    /// <summary>Fewer units over more than <see cref="MaxSmallInputs"/> inputs: the dense kernels' dot products along the inputs win.</summary>
    public const int MinMidSizeUnits = 8;

    /// <summary>Keeps a gathered block of 16 examples' inputs and outputs well within the stack (16 x (128 + 512) floats: 40 KiB).</summary>
    public const int MaxLaneUnits = 512;

    public static LayerStrategy For(LayerSpec layer) =>
        layer.Outputs <= MaxLaneUnits
        && (layer.Inputs <= MaxSmallInputs || (layer.Inputs <= MaxLaneInputs && layer.Outputs >= MinMidSizeUnits))
            ? LayerStrategy.Lanes
            : LayerStrategy.Tiled;

    public static string Reason(LayerSpec layer) => For(layer) == LayerStrategy.Lanes
        ? $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example: the runtime's lane kernels (a vector of examples per register, units register-blocked, weights broadcast), compiled for this shape; faster than dot products along {Literals.Grouped(layer.Inputs)} inputs."
        : layer.Outputs > MaxLaneUnits || layer.Inputs > MaxLaneInputs
            ? $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example over {Literals.Grouped(layer.Inputs)} inputs: the runtime's dense kernels (register-blocked dot products along the inputs), compiled for this shape."
            : $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example, {Literals.Grouped(layer.Inputs)} inputs into {layer.Outputs} units: the runtime's dense kernels (register-blocked dot products along the inputs, faster than lanes for so few units), compiled for this shape.";

    /// <summary>The comment line that heads every block of this layer, e.g. "Layer 2: 20 -> 7, ReLU (W2: 7 x 20, B2: 7)".</summary>
    public static string Title(LayerSpec layer) =>
        $"Layer {layer.Index}: {layer.Inputs} -> {layer.Outputs}, {ActivationCode.Name(layer.Activation)} ({MemberNames.Weights(layer.Index)}: {layer.Outputs} x {layer.Inputs}, {MemberNames.Biases(layer.Index)}: {layer.Outputs})";
}
