using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The per-layer questions the emitters not yet converted to <see cref="NetworkPlan"/> still ask; each forwards to
/// <see cref="LayerStrategies"/>, where the decision is made.
/// </summary>
internal static class LayerPlan
{
    /// <inheritdoc cref="LayerStrategies.MaxFullyUnrolledMultiplyAdds"/>
    public const int MaxFullyUnrolledMultiplyAdds = LayerStrategies.MaxFullyUnrolledMultiplyAdds;

    public static LayerStrategy For(LayerSpec layer) => LayerStrategies.For(layer);

    public static bool IsFullyUnrolled(LayerSpec layer) => LayerStrategies.IsFullyUnrolled(layer);

    public static string Reason(LayerSpec layer) => LayerStrategies.Reason(layer);

    public static string Title(LayerSpec layer) => LayerStrategies.Title(layer);
}
