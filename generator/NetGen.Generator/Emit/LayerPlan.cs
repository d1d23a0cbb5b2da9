using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The per-layer questions the emitters not yet converted to <see cref="NetworkPlan"/> still ask; each forwards to
/// <see cref="LayerStrategies"/>, where the decision is made.
/// </summary>
internal static class LayerPlan
{
    public static LayerStrategy For(LayerSpec layer) => LayerStrategies.For(layer);

    public static string Reason(LayerSpec layer) => LayerStrategies.Reason(layer);

    public static string Title(LayerSpec layer) => LayerStrategies.Title(layer);
}
