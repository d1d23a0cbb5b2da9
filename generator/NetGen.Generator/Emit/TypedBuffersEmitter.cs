using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>N.Input</c> and <c>N.Output</c>: inline arrays of exactly one example's floats, with Predict overloads that take
/// them, so a single-example call of the wrong shape does not compile. Emitted only for buffers small enough to live
/// on the stack comfortably (the runtime refuses inline arrays over 1 MiB).
/// </summary>
internal static class TypedBuffersEmitter
{
    /// <summary>64K floats (256 KiB): a quarter of the runtime's limit for an inline array.</summary>
    public const int MaxFloats = 65536;

    public static bool HasInput(NetworkSpec spec) => spec.InputSize <= MaxFloats;

    public static bool HasOutput(NetworkSpec spec) => spec.OutputSize <= MaxFloats;

    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        if (!HasInput(spec)) return;
        Struct(w, "Input", "InputSize", spec.InputSize, "One example's input");
        var single = spec.OutputSize == 1;
        if (!single && HasOutput(spec)) Struct(w, "Output", "OutputSize", spec.OutputSize, "One example's output");

        if (single)
        {
            w.Line("/// <summary>The network's single output for one typed example: with a sigmoid output, the probability of class 1.</summary>");
            w.Line("/// <param name=\"x\">One example; its type fixes its length to <c>InputSize</c> at compile time.</param>");
            w.Line("/// <returns>The output for that example.</returns>");
            w.Line(Names.GeneratedCode);
            w.Line("public float Predict(in Input x) => Predict((global::System.ReadOnlySpan<float>)x);");
            w.Line();
        }
        else if (HasOutput(spec))
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
