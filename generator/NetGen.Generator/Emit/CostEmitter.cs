using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary><c>compute_cost</c>: cross-entropy for a sigmoid output, mean squared error for a linear one.</summary>
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
            w.Line("/// summed in double. A saturated output (al exactly 0 or 1) gives a large finite cost, never infinity or NaN.");
        }
        else
        {
            w.Line("/// Mean squared error: <c>(1/m) sum((al - y)^2 / 2)</c> over every output of m examples, summed in double");
            w.Line("/// (the halving makes dCost/dZ = AL - Y, as for a sigmoid output with cross-entropy).");
        }
        w.Line("/// </summary>");
        w.Line("/// <param name=\"al\">The network's output for m examples, (m, OutputSize) sample-major.</param>");
        w.Line("/// <param name=\"y\">The labels, the same shape.</param>");
        w.Line("/// <returns>The cost of the batch, a finite number of 0 or more.</returns>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public static float ComputeCost({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y)"))
        {
            w.Line($"int m = {Names.ShapeGuard}.Examples(al.Length, OutputSize, int.MaxValue, nameof(al));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, al.Length, nameof(y));");
            w.Line("double sum = 0;");
            using (w.Block("for (int i = 0; i < al.Length; i++)"))
            {
                if (softmax)
                {
                    w.Line("// float.Epsilon keeps log finite when an output has underflowed to exactly 0.");
                    w.Line("if (y[i] != 0f) sum -= y[i] * global::System.Math.Log(global::System.Math.Max((double)al[i], float.Epsilon));");
                }
                else if (sigmoid)
                {
                    w.Line("// float.Epsilon keeps log finite when a float output has saturated to exactly 0 or 1.");
                    w.Line("double a = al[i], label = y[i];");
                    w.Line("sum -= label * global::System.Math.Log(global::System.Math.Max(a, float.Epsilon))");
                    w.Line("     + (1 - label) * global::System.Math.Log(global::System.Math.Max(1 - a, float.Epsilon));");
                }
                else
                {
                    w.Line("double error = (double)al[i] - y[i];");
                    w.Line("sum += 0.5 * error * error;");
                }
            }
            w.Line("return (float)(sum / m);");
        }
        w.Line();
    }
}
