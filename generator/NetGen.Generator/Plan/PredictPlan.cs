namespace NetGen.Generator.Plan;

/// <summary>
/// The ways a network predicts. Every network has the batch <c>Predict(x, output)</c>, which runs a single example
/// through <c>PredictOne</c>; the rest depend on its sizes and output.
/// </summary>
/// <param name="SingleOutput"><c>float Predict(x)</c>: the network has one output.</param>
/// <param name="TypedInput">The inline-array struct <c>Input</c> (one example's features) and a Predict overload taking it.</param>
/// <param name="TypedOutput">The inline-array struct <c>Output</c>, returned by <c>Predict(in Input)</c> when there are several outputs.</param>
/// <param name="Classes"><c>OneHot</c>, <c>PredictClass</c> and <c>PredictClasses</c>: a softmax output.</param>
/// <param name="OneExample">How <c>PredictOne</c> runs a single example.</param>
internal sealed record PredictPlan(bool SingleOutput, bool TypedInput, bool TypedOutput, bool Classes, OneExamplePlan OneExample)
{
    /// <summary>Inline arrays up to 64K floats (256 KiB): a quarter of the runtime's limit for one.</summary>
    public const int MaxTypedFloats = 65536;

    /// <summary>Whether a <c>Predict(in Input)</c> overload exists: one returning <c>float</c> or one returning <c>Output</c>.</summary>
    public bool TypedPredict => TypedInput && (SingleOutput || TypedOutput);
}

/// <summary>
/// <c>PredictOne</c>'s form: layer by layer, lane layers through their scalar one-example kernel and tiled layers through
/// their batch kernels, with the hidden activations on the stack or, for wide networks, in a rented array.
/// </summary>
internal sealed record OneExamplePlan(bool OnStack);
