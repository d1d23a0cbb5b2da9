namespace NetGen.Generator.Emit;

/// <summary>
/// Large layers: constant-bound SIMD loops over register-blocked tiles, each tile shape its own small method so the
/// JIT fully optimises every one, and the work spread over the cores by the runtime's <c>WorkSplitter</c> when a
/// batch is large enough to pay for it. <c>Vector&lt;float&gt;.Count</c> is a JIT-time constant: with the layer sizes
/// written as constants, every stride is known when a kernel is compiled. Where vectors are not hardware
/// accelerated, plain scalar loops run instead.
/// </summary>
internal static class TiledKernels
{
    public static void Emit(SourceWriter w, Model.LayerSpec layer)
    {
        var plan = new TilePlan(layer);
        TiledForward.Emit(w, plan);
        TiledBackward.Emit(w, plan);
    }
}
