using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>The course's training loop: batch gradient descent with the cost recorded every so many iterations.</summary>
internal static class TrainEmitter
{
    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>");
        w.Line("/// The course's <c>L_layer_model</c> loop: <c>options.Iterations</c> times forward, backward and update over the whole");
        w.Line("/// batch, recording the cost every <c>options.ReportEvery</c> iterations (and at the last) and reporting it to");
        w.Line("/// <c>options.Progress</c>. Buffers are allocated once, before the first iteration. Call <c>InitializeParameters</c> first.");
        w.Line("/// Mini-batches, momentum, Adam, L2 and dropout (the sequel course) take a general path chosen by <c>options</c>.");
        if (GramTrainStep.Applies(spec))
            w.Line("/// Layer 1 is W1 times the inputs every iteration, as in the course, unless <c>options.FirstLayer</c> opts into its Gram-matrix form.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"x\">Sample-major inputs: <c>x[i * InputSize + k]</c>.</param>");
        w.Line("/// <param name=\"y\">Sample-major labels: <c>y[i * OutputSize + j]</c>, one row per example of <paramref name=\"x\"/>.</param>");
        w.Line("/// <param name=\"options\">Learning rate, epochs, mini-batches, optimizer, regularisation, reporting and cancellation.</param>");
        w.Line("/// <returns>The learning curve, the number of updates made and the time taken.</returns>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public global::NetGen.TrainingResult Train({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, global::NetGen.TrainingOptions options)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(options);");
            w.Line("options.Validate();");
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, int.MaxValue, nameof(x));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, m * OutputSize, nameof(y));");
            if (spec.Output == ActivationKind.Softmax) w.Line($"{ClassesEmitter.Labels}.RequireOneHot(y, OutputSize, nameof(y));");
            w.Line($"if ({GeneralTrainEmitter.Condition}) return TrainGeneral(x, y, options, m);");
            w.Line("var caches = new Caches(m);");
            w.Line("var gradients = new Gradients();");
            w.Line("var recorder = new global::NetGen.TrainingRecorder(options);");
            if (FusedTrainStep.Applies(spec))
            {
                w.Line($"if ({GramTrainStep.Choice}) return TrainWithGramMatrix(x, y, caches, gradients, recorder, options, m);");
                w.Line($"{Names.ReadOnlySpan} al = ForwardCore(x, caches, m);");
                using (w.Block("while (recorder.TryStartIteration(out int iteration))"))
                {
                    w.Line("if (recorder.IsRecorded(iteration)) recorder.Record(iteration, ComputeCost(al, y));");
                    w.Line("// Every step but the last also leaves the next forward pass done: layer 1's reads the inputs once for both.");
                    using (w.Block("if (iteration + 1 < options.Iterations)"))
                    {
                        w.Line("TrainStep(x, y, caches, gradients, m, options.LearningRate);");
                        w.Line("continue;");
                    }
                    w.Line("BackwardCore(x, y, caches, gradients, m);");
                    w.Line("UpdateParameters(gradients, options.LearningRate);");
                }
            }
            else
            {
                using (w.Block("while (recorder.TryStartIteration(out int iteration))"))
                {
                    w.Line($"{Names.ReadOnlySpan} al = ForwardCore(x, caches, m);");
                    w.Line("if (recorder.IsRecorded(iteration)) recorder.Record(iteration, ComputeCost(al, y));");
                    w.Line("BackwardCore(x, y, caches, gradients, m);");
                    w.Line("UpdateParameters(gradients, options.LearningRate);");
                }
            }
            w.Line("return recorder.Finish();");
        }
        w.Line();
        FusedTrainStep.Emit(w, spec);
        GramTrainStep.Emit(w, spec);
        GeneralTrainEmitter.Emit(w, spec);
    }
}
