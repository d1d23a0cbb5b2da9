using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The C# for each activation and for its derivative. Derivatives are written in terms of the activation's
/// output <c>a</c>, so the forward pass need not keep <c>Z</c>: for ReLU and LeakyReLU <c>a &gt; 0</c> exactly when
/// <c>z &gt; 0</c> (the course's derivative at 0 is 0), tanh' = 1 - a², sigmoid' = a (1 - a).
/// </summary>
internal static class ActivationCode
{
    public const string LeakySlope = "0.01f";

    public static string Name(Activation kind) => kind switch
    {
        Activation.ReLU => "ReLU",
        Activation.LeakyReLU => "LeakyReLU",
        Activation.Tanh => "Tanh",
        Activation.Sigmoid => "Sigmoid",
        Activation.Softmax => "Softmax",
        _ => "Linear",
    };

    /// <summary>
    /// Softmax is over a whole example's outputs, so a kernel writes Z element by element (<see cref="Apply"/> is the
    /// identity for it) and then normalises each row with the runtime's shape-free loop: this line, or null.
    /// </summary>
    public static string? RowsLine(LayerSpec layer, string output, string m) =>
        ActivationForms.Of(layer.Activation) == ActivationForm.Rows ? $"{ActivationForms.RowKernel(layer.Activation)}({output}, {m}, {layer.Outputs});" : null;

    /// <summary>The activation applied to the scalar expression <paramref name="z"/>.</summary>
    public static string Apply(Activation kind, string z) => kind switch
    {
        Activation.ReLU => $"global::System.MathF.Max({z}, 0f)",
        Activation.LeakyReLU => $"LeakyReLU({z})",
        Activation.Tanh => $"global::System.MathF.Tanh({z})",
        Activation.Sigmoid => $"Sigmoid({z})",
        _ => z,
    };

    /// <summary>
    /// The helper <see cref="Apply"/>'s expression calls, emitted where generated code applies an activation itself: the
    /// Gram-matrix loop's layer 1 (every other layer runs its activation inside the runtime's kernels).
    /// </summary>
    public static void EmitHelpers(SourceWriter w, NetworkPlan plan)
    {
        if (!plan.Training.GramMatrix) return;
        var kind = plan.Spec.Layer(1).Activation;
        if (kind == Activation.Sigmoid)
        {
            w.Line("/// <summary>The logistic function; saturates to exactly 0 or 1 without overflow for large |z|. Its exponential is the example lanes', so one example and a batch agree.</summary>");
            w.Line(Names.MethodImpl);
            w.Line("private static float Sigmoid(float z) => 1f / (1f + global::NetGen.Kernels.ExampleLanes.Exp(-z));");
            w.Line();
        }
        if (kind == Activation.LeakyReLU)
        {
            w.Line($"/// <summary>z for z &gt; 0, {LeakySlope} z otherwise.</summary>");
            w.Line(Names.MethodImpl);
            w.Line($"private static float LeakyReLU(float z) => z > 0f ? z : {LeakySlope} * z;");
            w.Line();
        }
    }
}
