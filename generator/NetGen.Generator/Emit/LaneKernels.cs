using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Small and mid-size layers: the runtime's lane kernels (<c>NetGen.Kernels.Lanes.LaneLayer</c>), which run a vector of
/// examples at a time, register-blocked, written once for every vector width and generic over the layer's shape struct,
/// so the JIT compiles one copy per layer with its sizes as constants. The generated file keeps the shape and one-line
/// entry points, which say whether each side of the layer is blocked or sample-major (<see cref="LaneLayout"/>).
/// </summary>
internal static class LaneKernels
{
    const string Namespace = "global::NetGen.Kernels.Lanes";

    /// <summary>The runtime kernels specialised for <paramref name="layer"/>.</summary>
    public static string Kernels(LayerSpec layer) => $"{Namespace}.LaneLayer<{TiledKernels.Shape(layer)}, {TiledKernels.ActivationType(layer.Activation)}>";

    /// <summary>A call of the scalar forward of one example, sample-major in and out (<c>PredictOne</c>).</summary>
    public static string ForwardOne(LayerSpec layer, string input, string weights, string biases, string output) =>
        $"{Kernels(layer)}.ForwardOne({input}, {weights}, {biases}, {output});";

    public static void Emit(SourceWriter w, NetworkSpec spec, LayerSpec layer)
    {
        // Layer 1 of a network whose mini-batches come blocked takes x either way (Train's general path blocked, the rest sample-major).
        bool blockedBatches = layer.IsFirst && LaneLayout.BlockedBatches(spec);
        var input = blockedBatches ? "inputBlocked" : Bool(LaneLayout.InputBlocked(spec, layer));
        var layout = $", inputBlocked: {input}, outputBlocked: {Bool(LaneLayout.OutputBlocked(spec, layer))}";
        LayerKernels.EmitCalls(w, layer, "lane", Kernels(layer), layout, layout, blockedBatches ? ", bool inputBlocked = false" : "");
    }

    static string Bool(bool value) => value ? "true" : "false";
}
