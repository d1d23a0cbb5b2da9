using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>compute_cost</c>: cross-entropy for a sigmoid output, mean squared error for a linear one. The public method
/// checks its values; <c>Train</c> checks its labels once and then calls the unchecked <c>Cost</c>.
/// </summary>
internal static class CostEmitter
{
    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        var sigmoid = spec.Output == ActivationKind.Sigmoid;
        var softmax = spec.Output == ActivationKind.Softmax;
        w.Line("/// <summary>");
        if (softmax)
        {
            w.Line("/// Categorical cross-entropy: <c>-(1/m) sum(y log(al))</c> over every output of m examples with one-hot labels,");
            w.Line("/// summed in double. An output that underflowed to 0 gives a large finite cost, never infinity or NaN.");
        }
        else if (sigmoid)
        {
            w.Line("/// The course's <c>compute_cost</c>: <c>-(1/m) sum(y log(al) + (1 - y) log(1 - al))</c> over every output of m examples,");
            w.Line("/// summed in double. A saturated output (al exactly 0 or 1) gives a large finite cost, never infinity.");
        }
        else
        {
            w.Line("/// Mean squared error: <c>(1/m) sum((al - y)^2 / 2)</c> over every output of m examples, summed in double");
            w.Line("/// (the halving makes dCost/dZ = AL - Y, as for a sigmoid output with cross-entropy).");
        }
        w.Line("/// </summary>");
        w.Line("/// <param name=\"al\">The network's output for m examples, (m, OutputSize) sample-major.</param>");
        w.Line("/// <param name=\"y\">The labels, the same shape.</param>");
        if (sigmoid)
        {
            w.Line("/// <returns>The cost of the batch: a finite number of 0 or more, or NaN when <paramref name=\"al\"/> holds NaN (the output of a network whose parameters diverged).</returns>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">A label is not a number from 0 to 1, or an output is outside 0 to 1.</exception>");
        }
        else
        {
            w.Line("/// <returns>The cost of the batch: 0 or more; +Infinity when an output is infinite or the mean exceeds <see cref=\"float.MaxValue\"/>; NaN when <paramref name=\"al\"/> holds NaN.</returns>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">A label is infinite or NaN.</exception>");
        }
        w.Line(Names.GeneratedCode);
        using (w.Block($"public static float ComputeCost({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y)"))
        {
            w.Line($"{Names.ShapeGuard}.Examples(al.Length, OutputSize, int.MaxValue, nameof(al));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, al.Length, nameof(y));");
            w.Line($"{CheckLabels(spec, "y")};");
            if (sigmoid) w.Line($"{Names.ValueGuard}.SigmoidOutputs(al, nameof(al));");
            w.Line("return CostCore(al, y);");
        }
        w.Line();

        w.Line("/// <summary>The cost of outputs and labels whose shapes and labels were checked by the caller.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private static float CostCore({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y)"))
        {
            if (sigmoid)
            {
                w.Line("// Summed in double, vectors of outputs at a time; float.Epsilon keeps log finite when an output has saturated to exactly 0 or 1.");
                w.Line("return (float)(global::NetGen.Kernels.CrossEntropy.Binary(al, y) / (al.Length / OutputSize));");
            }
            else
            {
                w.Line("double sum = 0;");
                using (w.Block("for (int i = 0; i < al.Length; i++)"))
                {
                    if (softmax)
                    {
                        w.Line("// float.Epsilon keeps log finite when an output has underflowed to exactly 0.");
                        w.Line("if (y[i] != 0f) sum -= y[i] * global::System.Math.Log(global::System.Math.Max((double)al[i], float.Epsilon));");
                    }
                    else
                    {
                        w.Line("double error = (double)al[i] - y[i];");
                        w.Line("sum += 0.5 * error * error;");
                    }
                }
                w.Line("return (float)(sum / (al.Length / OutputSize));");
            }
        }
        w.Line();

        w.Line("/// <summary>");
        w.Line(sigmoid
            ? "/// Whether <see cref=\"CostCore\"/> of these outputs is finite, without its logarithms: with labels from 0 to 1 it is unless an output is NaN."
            : "/// Whether <see cref=\"CostCore\"/> of these outputs is finite.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(sigmoid
            ? $"private static bool CostIsFinite({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y) => {Names.VectorMath}.AllFinite(al);"
            : $"private static bool CostIsFinite({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y) => float.IsFinite(CostCore(al, y));");
        w.Line();
    }

    /// <summary>The check of labels <paramref name="y"/> for this network's output, as a statement without its semicolon.</summary>
    public static string CheckLabels(NetworkSpec spec, string y) =>
        spec.Output == ActivationKind.Sigmoid
            ? $"{Names.ValueGuard}.ProbabilityLabels({y}, nameof({y}))"
            : $"{Names.ValueGuard}.FiniteLabels({y}, nameof({y}))";
}
