namespace NetGen.Generator.Emit;

/// <summary>
/// <c>N.Input</c> and <c>N.Output</c>: inline arrays of exactly one example's floats, with Predict overloads that take
/// them, so a single-example call of the wrong shape does not compile. Emitted only for buffers small enough to live
/// on the stack comfortably (<see cref="PredictPlan.MaxTypedFloats"/>; the runtime refuses inline arrays over 1 MiB).
/// </summary>
internal static class TypedBuffersEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var predict = plan.Predict;
        if (!predict.TypedInput) return;
        Struct(w, MemberNames.Input, MemberNames.InputSize, plan.Spec.InputSize, "One example's input");
        if (predict.TypedOutput) Struct(w, MemberNames.Output, MemberNames.OutputSize, plan.Spec.OutputSize, "One example's output");

        if (predict.SingleOutput)
        {
            w.Line("/// <summary>The network's single output for one typed example: with a sigmoid output, the probability of class 1.</summary>");
            w.Line("/// <param name=\"x\">One example; its type fixes its length to <c>InputSize</c> at compile time.</param>");
            w.Line("/// <returns>The output for that example.</returns>");
            w.Line(Names.GeneratedCode);
            w.Line("public float Predict(in Input x) => Predict((global::System.ReadOnlySpan<float>)x);");
            w.Line();
        }
        else if (predict.TypedOutput)
        {
            w.Line("/// <summary>The outputs for one typed example: both lengths are fixed at compile time.</summary>");
            w.Line("/// <param name=\"x\">One example; its type fixes its length to <c>InputSize</c>.</param>");
            w.Line("/// <returns>The <c>OutputSize</c> outputs for that example.</returns>");
            w.Line(Names.GeneratedCode);
            using (w.Block("public Output Predict(in Input x)"))
            {
                w.Line("Output output = default;");
                w.Line("Predict((global::System.ReadOnlySpan<float>)x, (global::System.Span<float>)output);");
                w.Line("return output;");
            }
            w.Line();
        }
    }

    static void Struct(SourceWriter w, string name, string size, int length, string what)
    {
        w.Line($"/// <summary>{what}: exactly {Literals.Grouped(length)} floats (<c>{size}</c>), inline. Converts to <see cref=\"global::System.Span{{T}}\"/> and <see cref=\"global::System.ReadOnlySpan{{T}}\"/>; index it like an array.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line($"[global::System.Runtime.CompilerServices.InlineArray({size})]");
        using (w.Block($"public struct {name}"))
        {
            w.Line("private float element0;");
        }
        w.Line();
    }
}
