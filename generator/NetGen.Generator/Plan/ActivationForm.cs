using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>What an activation acts on: one value at a time, or a whole example's row of outputs (softmax).</summary>
internal enum ActivationForm
{
    /// <summary><c>a = g(z)</c> value by value: written into the kernels' expressions (ActivationCode.Apply / Backward).</summary>
    Elementwise,

    /// <summary>
    /// <c>a = g(z row)</c>: the kernels write Z, then one shape-free runtime call normalises each example's row
    /// (<see cref="ActivationForms.RowKernel"/>). Only an output activation can be one: its gradient is folded into the
    /// loss's dZ = AL - Y, so no per-value derivative is needed.
    /// </summary>
    Rows,
}

/// <summary>Which activations act on rows, and the runtime method that applies each: the one place a row activation is declared.</summary>
internal static class ActivationForms
{
    public static ActivationForm Of(Activation kind) => kind == Activation.Softmax ? ActivationForm.Rows : ActivationForm.Elementwise;

    /// <summary>The runtime method <c>(Span&lt;float&gt; values, int m, int width)</c> that applies a row activation in place.</summary>
    public static string RowKernel(Activation kind) => kind switch
    {
        Activation.Softmax => "global::NetGen.Kernels.Softmax.Rows",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "Not a row activation."),
    };
}
