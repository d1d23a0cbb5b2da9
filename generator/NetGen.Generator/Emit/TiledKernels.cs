using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Large layers: the runtime's dense kernels (<c>NetGen.Kernels.Dense.DenseLayer</c>), written once for every vector
/// width and generic over a shape struct emitted here, so the JIT compiles one copy per layer with its sizes as
/// constants. The generated file keeps only the shape and the two one-line entry points the layer sequence calls.
/// </summary>
internal static class TiledKernels
{
    const string Namespace = "global::NetGen.Kernels.Dense";

    /// <summary>The struct holding <paramref name="layer"/>'s sizes.</summary>
    public static string Shape(LayerSpec layer) => MemberNames.LayerShape(layer.Index);

    /// <summary>The runtime's activation type for <paramref name="kind"/>; a softmax layer's kernels write Z, normalised afterwards row by row.</summary>
    public static string ActivationType(Activation kind) =>
        $"{Namespace}.{(kind == Activation.Softmax ? "Linear" : ActivationCode.Name(kind))}";

    /// <summary>The runtime kernels specialised for <paramref name="layer"/>.</summary>
    public static string Kernels(LayerSpec layer) => $"{Namespace}.DenseLayer<{Shape(layer)}, {ActivationType(layer.Activation)}>";

    public static void Emit(SourceWriter w, LayerSpec layer) =>
        LayerKernels.EmitCalls(w, layer, "dense", Kernels(layer), "", ", tiles");
}
