using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Where lane layers keep their activations. They run a vector of examples at a time (runtime <c>LaneLayer</c>, layout
/// <c>ExampleLanes</c>); between two of them A and dZ stay in the blocked layout that serves this (blocks of 16
/// examples, feature-major inside a block). Everything else is sample-major: the input, the output, and whatever a
/// tiled layer reads or writes, so lane kernels gather from and scatter to it at those edges.
/// </summary>
internal static class LaneLayout
{
    public const string Lanes = "global::NetGen.Kernels.ExampleLanes";

    /// <summary>Whether layer <paramref name="index"/>'s A and dZ are blocked: it and the layer after it are lane layers.</summary>
    public static bool IsBlocked(NetworkSpec spec, int index) =>
        index >= 1 && index < spec.LayerCount
        && LayerPlan.For(spec.Layer(index)) == LayerStrategy.Lanes
        && LayerPlan.For(spec.Layer(index + 1)) == LayerStrategy.Lanes;

    /// <summary>Whether layer <paramref name="layer"/>'s input (X or A of the layer before) is blocked.</summary>
    public static bool InputBlocked(NetworkSpec spec, LayerSpec layer) => IsBlocked(spec, layer.Index - 1);

    /// <summary>Whether layer <paramref name="layer"/>'s output A (and its dZ) is blocked.</summary>
    public static bool OutputBlocked(NetworkSpec spec, LayerSpec layer) => IsBlocked(spec, layer.Index);

    /// <summary>Inputs up to this many features per example are gathered by Train's mini-batches straight into the lanes.</summary>
    const int MaxBlockedBatchInputs = 4;

    /// <summary>
    /// Whether Train's general path hands layer 1 its mini-batches blocked (runtime <c>MiniBatches.BlockedInputs</c>): the
    /// first layer is a lane layer of a few inputs (the moons' 2), so gathering each shuffled example into its lanes once
    /// replaces three copies (rows into a sample-major batch, then into lane blocks by the forward and the backward kernel).
    /// Wider inputs keep the kernels' vector transposes of sample-major rows.
    /// </summary>
    public static bool BlockedBatches(NetworkSpec spec) =>
        LayerPlan.For(spec.Layer(1)) == LayerStrategy.Lanes && spec.InputSize <= MaxBlockedBatchInputs;

    /// <summary>The trailing parameter of the cores saying whether x is blocked, or "" where it never is.</summary>
    public static string InputParameter(NetworkSpec spec) => BlockedBatches(spec) ? ", bool xBlocked = false" : "";

    /// <summary>Whether any layer's activations are blocked (the caches then also keep sample-major copies to publish).</summary>
    public static bool AnyBlocked(NetworkSpec spec)
    {
        for (var index = 1; index < spec.LayerCount; index++)
            if (IsBlocked(spec, index)) return true;
        return false;
    }

    /// <summary>The floats a buffer of layer <paramref name="layer"/>'s activations needs for <paramref name="capacity"/> examples.</summary>
    public static string Length(NetworkSpec spec, LayerSpec layer, string capacity) =>
        OutputBlocked(spec, layer) ? $"{Lanes}.Length({capacity}, {layer.Outputs})" : $"{capacity} * {layer.Outputs}";
}
