using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Dropout inside <c>ForwardCore</c> and <c>BackwardCore</c>: an optional mask argument, null on every path but
/// Train's general one and <c>ForwardWithDropout</c> / <c>BackwardWithDropout</c>, so one chain of layer calls serves
/// both. Networks that cannot drop out (<see cref="TrainingPlan.Dropout"/>) have neither the argument nor the calls.
/// </summary>
internal static class DropoutCalls
{
    public const string Type = "global::NetGen.Training.Dropout";

    /// <summary>The trailing parameter of the cores, or "" for a network without dropout.</summary>
    public static string Parameter(NetworkSpec spec) => TrainingPlan.For(spec).Dropout ? $", {Type}? dropout = null" : "";

    /// <summary>The statement that masks hidden layer <paramref name="layer"/>'s activations, or null.</summary>
    public static string? AfterForward(NetworkSpec spec, LayerSpec layer) => Call(spec, layer, "Forward", "A");

    /// <summary>The statement that masks dZ of hidden layer <paramref name="layer"/> (the one below the layer just run backward), or null.</summary>
    public static string? AfterBackward(NetworkSpec spec, LayerSpec layer) => Call(spec, layer, "Backward", "DZ");

    static string? Call(NetworkSpec spec, LayerSpec layer, string pass, string buffer)
    {
        if (!TrainingPlan.For(spec).Dropout || layer.Index >= spec.LayerCount) return null;
        var index = layer.Index;
        // The masks are drawn over sample-major activations: a blocked layer's go through its published copy.
        return LaneLayout.OutputBlocked(spec, layer)
            ? $"dropout?.{pass}Blocked({index}, caches.{buffer}{index}, m, caches.Published{index});"
            : $"dropout?.{pass}({index}, caches.{buffer}{index}, m);";
    }
}
