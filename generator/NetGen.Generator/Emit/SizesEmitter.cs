using System.Linq;

namespace NetGen.Generator.Emit;

/// <summary>The network's sizes as constants.</summary>
internal static class SizesEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var spec = plan.Spec;
        Constant(w, MemberNames.InputSize, spec.InputSize, "Features per example (n0): the length of one example's input.");
        Constant(w, MemberNames.OutputSize, spec.OutputSize, $"Outputs per example (n{spec.LayerCount}).");
        Constant(w, MemberNames.LayerCount, spec.LayerCount, "Weight layers (L): hidden layers plus the output layer.");
        Constant(w, MemberNames.ParameterCount, spec.ParameterCount, "Weights and biases of all layers.");
        w.Line("/// <summary>The layer sizes n0 (input) .. nL (output), as declared in the attribute.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line($"public static global::System.ReadOnlySpan<int> {MemberNames.LayerSizes} => new int[] {{ {string.Join(", ", spec.Sizes.Select(s => Literals.Int(s)))} }};");
        w.Line();
    }

    static void Constant(SourceWriter w, string name, long value, string summary)
    {
        w.Line($"/// <summary>{summary}</summary>");
        w.Line(Names.GeneratedCode);
        w.Line($"public const int {name} = {Literals.Int(value)};");
        w.Line();
    }
}
