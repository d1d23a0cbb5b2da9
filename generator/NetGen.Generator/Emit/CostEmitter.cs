namespace NetGen.Generator.Emit;

/// <summary>
/// <c>compute_cost</c>, written from the plan's <see cref="Loss"/>. The public method checks its values; <c>Train</c>
/// checks its labels once and then calls the unchecked <c>CostCore</c>.
/// </summary>
internal static class CostEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var loss = plan.Loss;
        w.Line("/// <summary>");
        foreach (var line in loss.Summary) w.Line("/// " + line);
        w.Line("/// </summary>");
        w.Line("/// <param name=\"al\">The network's output for m examples, (m, OutputSize) sample-major.</param>");
        w.Line("/// <param name=\"y\">The labels, the same shape.</param>");
        w.Line($"/// <returns>{loss.Returns}</returns>");
        w.Line($"/// <exception cref=\"global::System.ArgumentException\">{loss.Throws}</exception>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public static float ComputeCost({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y)"))
        {
            w.Line($"{Names.ShapeGuard}.Examples(al.Length, OutputSize, int.MaxValue, nameof(al));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, al.Length, nameof(y));");
            w.Line($"{loss.CheckLabels("y")};");
            if (loss.CheckOutputs("al") is { } outputs) w.Line($"{outputs};");
            w.Line($"return {MemberNames.CostCore}(al, y);");
        }
        w.Line();

        w.Line("/// <summary>The cost of outputs and labels whose shapes and labels were checked by the caller.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private static float {MemberNames.CostCore}({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y)"))
        {
            foreach (var line in loss.CostBody) w.Line(line);
        }
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// " + loss.CostIsFiniteSummary);
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line($"private static bool {MemberNames.CostIsFinite}({Names.ReadOnlySpan} al, {Names.ReadOnlySpan} y) => {loss.CostIsFinite};");
        w.Line();
    }
}
