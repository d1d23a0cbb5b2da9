using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>Chooses <see cref="LayerStrategy"/> per layer from its constant sizes, and says why, for the comment above the layer's code.</summary>
internal static class LayerStrategies
{
    /// <summary>Beyond this fan-in the dense kernels' dot products along the inputs win (and a block of gathered inputs would crowd the stack).</summary>
    public const int MaxLaneInputs = 32;

    /// <summary>Beyond this many multiply-adds per example the dense kernels win.</summary>
    public const int MaxLaneMultiplyAdds = 1024;

    public static LayerStrategy For(LayerSpec layer) =>
        layer.Inputs <= MaxLaneInputs && layer.MultiplyAdds <= MaxLaneMultiplyAdds ? LayerStrategy.Lanes : LayerStrategy.Tiled;

    public static string Reason(LayerSpec layer) => For(layer) == LayerStrategy.Lanes
        ? $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example: the runtime's lane kernels (a vector of examples per register, weights broadcast), compiled for this shape."
        : $"{Literals.Grouped(layer.MultiplyAdds)} multiply-adds per example over {Literals.Grouped(layer.Inputs)} inputs: the runtime's dense kernels (register-blocked dot products along the inputs), compiled for this shape.";

    /// <summary>The comment line that heads every block of this layer, e.g. "Layer 2: 20 -> 7, ReLU (W2: 7 x 20, B2: 7)".</summary>
    public static string Title(LayerSpec layer) =>
        $"Layer {layer.Index}: {layer.Inputs} -> {layer.Outputs}, {ActivationCode.Name(layer.Activation)} ({MemberNames.Weights(layer.Index)}: {layer.Outputs} x {layer.Inputs}, {MemberNames.Biases(layer.Index)}: {layer.Outputs})";
}
