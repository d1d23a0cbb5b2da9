namespace NetGen.Generator.Emit;

/// <summary>
/// <c>Train</c>: the course's training loop (batch gradient descent with the cost recorded every so many iterations),
/// or the fast full-batch form and the general path the plan's <see cref="TrainingPlan"/> gives this network.
/// </summary>
internal static class TrainEmitter
{
    /// <summary>Whether iteration <c>iteration</c>'s cost goes on the curve: a recorded iteration, or a non-finite cost.</summary>
    public const string RecordsCost = "recorder.IsRecorded(iteration) || !" + MemberNames.CostIsFinite + "(al, y)";

    /// <summary>Records the cost of <c>al</c>; false when it is not finite, and training stops (diverged).</summary>
    public const string RecordCost = "recorder.Record(iteration, " + MemberNames.CostCore + "(al, y))";

    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var spec = plan.Spec;
        var training = plan.Training;
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block($"public global::NetGen.TrainingResult Train({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, global::NetGen.TrainingOptions options)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(options);");
            w.Line("options.Validate();");
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, int.MaxValue, nameof(x));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, m * OutputSize, nameof(y));");
            w.Line($"{plan.Loss.CheckLabels("y")};");
            w.Line($"using var writer = {ParameterGuard.Enter("Train")};");
            if (plan.Loss.CheckTrainingLabels("y") is { } labels) w.Line($"{labels};");
            w.Line($"if ({TrainingPlan.TakesGeneralPath}) return {MemberNames.TrainGeneral}(x, y, options, m);");
            w.Line("var caches = new Caches(m);");
            w.Line("var gradients = new Gradients();");
            w.Line("var recorder = new global::NetGen.Kernels.TrainingRecorder(options);");
            if (training.FusedStep)
            {
                if (training.GramMatrix)
                    w.Line($"if ({TrainingPlan.ChoosesGramMatrix}) return {MemberNames.TrainWithGramMatrix}(x, y, caches, gradients, recorder, options, m);");
                w.Line($"{Names.ReadOnlySpan} al = {MemberNames.ForwardCore}(x, caches, m);");
                using (w.Block("while (recorder.TryStartIteration(out int iteration))"))
                {
                    w.Line($"if (({RecordsCost}) && !{RecordCost}) break;");
                    w.Line("// Every step but the last also leaves the next forward pass done: layer 1's reads the inputs once for both.");
                    using (w.Block("if (iteration + 1 < options.Iterations)"))
                    {
                        w.Line($"{MemberNames.TrainStep}(x, y, caches, gradients, m, options.LearningRate);");
                        w.Line("continue;");
                    }
                    w.Line($"{MemberNames.BackwardCore}(x, y, caches, gradients, m);");
                    w.Line($"{MemberNames.UpdateCore}(gradients, options.LearningRate);");
                }
            }
            else
            {
                var blocked = LaneLayout.BlockedBatches(spec);
                if (blocked)
                {
                    w.Line("// Layer 1 is a lane layer of a few inputs: x is laid into its lanes once here, not gathered by every forward and backward pass.");
                    w.Line($"var blockedX = new float[{LaneLayout.Lanes}.Length(m, InputSize)];");
                    w.Line($"{LaneLayout.Lanes}.FromSampleMajor(x, InputSize, m, blockedX);");
                }
                var (input, flag) = blocked ? ("blockedX", ", xBlocked: true") : ("x", "");
                using (w.Block("while (recorder.TryStartIteration(out int iteration))"))
                {
                    w.Line($"{Names.ReadOnlySpan} al = {MemberNames.ForwardCore}({input}, caches, m{flag});");
                    w.Line($"if (({RecordsCost}) && !{RecordCost}) break;");
                    w.Line($"{MemberNames.BackwardCore}({input}, y, caches, gradients, m{flag});");
                    w.Line($"{MemberNames.UpdateCore}(gradients, options.LearningRate);");
                }
            }
            w.Line("return recorder.Finish();");
        }
        w.Line();
        if (training.FusedStep) FusedTrainStep.Emit(w, spec);
        if (training.GramMatrix) GramTrainStep.Emit(w, spec);
        GeneralTrainEmitter.Emit(w, spec);
    }
}
