using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>
/// Which of <c>Train</c>'s paths a network has, and under which options each runs. The course's loop and its two
/// fast forms (the fused step and the Gram-matrix form of layer 1) compute full-batch plain gradient descent without
/// L2 or dropout and nothing else; every other setting (mini-batches, momentum, Adam, L2, dropout) takes the general
/// path, whose update is the runtime's <c>ParameterUpdater</c> (one place per optimizer rule).
/// </summary>
/// <param name="FusedStep">Layer 1's backward pass, update and next forward pass in one read of the inputs (<c>TrainStep</c>).</param>
/// <param name="GramMatrix">The loop with layer 1 from the examples' Gram matrix (<c>TrainWithGramMatrix</c>), opted into by <c>options.FirstLayer</c>.</param>
/// <param name="Dropout">Whether the general path can drop out hidden units (<c>ForwardWithDropout</c>, <c>BackwardWithDropout</c>).</param>
internal sealed record TrainingPlan(bool FusedStep, bool GramMatrix, bool Dropout)
{
    /// <summary>The run-time test, on <c>options</c>, that the full-batch paths need (the runtime's one definition of it).</summary>
    public const string FullBatchGradientDescent = "options.IsFullBatchGradientDescent";

    /// <summary>The run-time test that sends <c>Train</c> to the general path.</summary>
    public const string TakesGeneralPath = "!" + FullBatchGradientDescent;

    /// <summary>The run-time test, within the full-batch paths, that picks the Gram-matrix loop (it also requires <see cref="FullBatchGradientDescent"/>).</summary>
    public const string ChoosesGramMatrix = "global::NetGen.Kernels.GramLayer.Chooses(options, InputSize, m)";

    public static TrainingPlan For(NetworkSpec spec) => For(spec, PlannedLayer.For(spec.Layer(1)));

    public static TrainingPlan For(NetworkSpec spec, PlannedLayer first) =>
        new(HasFusedStep(first), HasFusedStep(first), HasDropout(spec));

    /// <summary>
    /// The fused step (and the Gram-matrix form, built on the same layer-1 kernels) needs a tiled layer 1 whose
    /// activation acts value by value: its layer-1 code applies the activation element by element.
    /// </summary>
    static bool HasFusedStep(PlannedLayer first) => first.Strategy == LayerStrategy.Tiled && first.Form == ActivationForm.Elementwise;

    /// <summary>Dropout scales dZ after the activation's derivative: exact when the derivative ignores a positive scale (ReLU, LeakyReLU).</summary>
    static bool HasDropout(NetworkSpec spec) => spec.LayerCount > 1 && spec.Hidden is Activation.ReLU or Activation.LeakyReLU;
}
