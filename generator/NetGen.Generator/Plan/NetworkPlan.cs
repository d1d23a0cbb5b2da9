using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>
/// Every decision about one network's generated code, made once from its <see cref="NetworkSpec"/>: each layer's
/// strategy and names, the loss, which training paths and predict modes it has. The emitters take the plan and only
/// write. Compared by value, so the incremental pipeline re-emits only when a decision changes.
/// </summary>
internal sealed record NetworkPlan(
    NetworkSpec Spec,
    EquatableArray<PlannedLayer> Layers,
    Loss Loss,
    TrainingPlan Training,
    PredictPlan Predict)
{
    public static NetworkPlan For(NetworkSpec spec)
    {
        var layers = new EquatableArray<PlannedLayer>(spec.Layers.Select(PlannedLayer.For));
        return new NetworkPlan(spec, layers, Loss.For(spec.Output), TrainingPlan.For(spec, layers[0]), PredictFor(spec, layers));
    }

    public int LayerCount => Layers.Count;

    /// <summary>Layer <paramref name="index"/>, 1 to <see cref="LayerCount"/>.</summary>
    public PlannedLayer Layer(int index) => Layers[index - 1];

    public PlannedLayer OutputLayer => Layers[Layers.Count - 1];

    static PredictPlan PredictFor(NetworkSpec spec, EquatableArray<PlannedLayer> layers)
    {
        var single = spec.OutputSize == 1;
        var typedInput = spec.InputSize <= PredictPlan.MaxTypedFloats;
        var typedOutput = !single && typedInput && spec.OutputSize <= PredictPlan.MaxTypedFloats;
        return new PredictPlan(single, typedInput, typedOutput, spec.Output == Activation.Softmax, OneExampleFor(layers));
    }

    /// <summary>The hidden activations go on the stack; wider networks rent them, as the batch path does.</summary>
    static OneExamplePlan OneExampleFor(EquatableArray<PlannedLayer> layers) =>
        new(layers.Take(layers.Count - 1).Sum(l => (long)l.Spec.Outputs) <= PredictEmitter.MaxStackFloats);
}
