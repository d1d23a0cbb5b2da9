using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Train's general path, for every setting but full-batch plain gradient descent: the sequel course's mini-batches,
/// momentum and Adam, L2 and dropout. The update rules, the shuffling and the masks are shape-free runtime code
/// (<c>NetGen.Training</c>, <c>NetGen.Kernels</c>); this writes only what names this network's layers.
/// </summary>
internal static class GeneralTrainEmitter
{
    const string Dropout = DropoutCalls.Type;

    /// <summary>Whether <c>options</c> needs this path rather than the course-1 loop (the runtime decides).</summary>
    public const string Condition = "!options.IsFullBatchGradientDescent";

    /// <summary>Whether this network can drop out hidden units (<see cref="TrainingPlan.Dropout"/> decides).</summary>
    public static bool HasDropout(NetworkSpec spec) => TrainingPlan.For(spec).Dropout;

    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        EmitTrain(w, spec);
        EmitRegularization(w, spec);
        if (HasDropout(spec)) EmitDropout(w, spec);
    }

    static void EmitTrain(SourceWriter w, NetworkSpec spec)
    {
        var hidden = spec.Layers.Where(l => l.Index < spec.LayerCount).ToList();
        w.Line("/// <summary>");
        w.Line("/// Train for any setting but full-batch plain gradient descent: per epoch the course's <c>random_mini_batches</c>, then per");
        w.Line("/// mini-batch forward (with dropout), cost (with L2) when the epoch is recorded, backward (with L2 and dropout) and the");
        w.Line("/// optimizer's update. The recorded cost of an epoch is the mean over its examples of the mini-batches' costs. Buffers and");
        w.Line("/// optimizer state are made once, before the first epoch.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        // Called once per Train: without this its loop would run as on-stack-replacement code (measured slower, RESULTS.md).
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private global::NetGen.TrainingResult TrainGeneral({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, global::NetGen.TrainingOptions options, int m)"))
        {
            if (!HasDropout(spec))
            {
                var why = spec.LayerCount == 1 ? "this network has no hidden layer" : $"this network's hidden layers are {ActivationCode.Name(spec.Hidden)}";
                w.Line("if (options.KeepProbability < 1f)");
                w.Line($"    throw new global::System.ArgumentException($\"KeepProbability {{options.KeepProbability}} asks for dropout on the hidden layers, which needs ReLU or LeakyReLU hidden layers, but {why}.\", nameof(options));");
            }
            w.Line("// Disposed however Train ends (a diverging cost, an exception): it may run a thread shuffling ahead.");
            var blocked = LaneLayout.BlockedBatches(spec);
            if (blocked) w.Line("// Layer 1 is a lane layer of a few inputs: each mini-batch's examples are gathered straight into its lanes.");
            w.Line($"using var batches = new global::NetGen.Kernels.MiniBatches(options.MiniBatchSize, options.ShuffleSeed, m, InputSize, OutputSize, options.Epochs{(blocked ? ", blockedInputs: true" : "")});");
            w.Line("var caches = new Caches(batches.Capacity);");
            w.Line("var gradients = new Gradients();");
            var parameters = string.Join(", ", spec.Layers.SelectMany(l => new[] { l.Weights, l.Biases }));
            var gradients = string.Join(", ", spec.Layers.SelectMany(l => new[] { $"gradients.D{l.Weights}", $"gradients.D{l.Biases}" }));
            w.Line($"var updater = new global::NetGen.Kernels.ParameterUpdater(options, new[] {{ {parameters} }}, new[] {{ {gradients} }});");
            if (HasDropout(spec))
            {
                var widths = string.Join(", ", hidden.Select(l => Literals.Int(l.Outputs)));
                w.Line($"{Dropout}? dropout = options.KeepProbability < 1f ? new {Dropout}(options.KeepProbability, options.DropoutSeed, batches.Capacity, {widths}) : null;");
            }
            w.Line("var recorder = new global::NetGen.Kernels.TrainingRecorder(options);");
            using (w.Block("while (recorder.TryStartIteration(out int epoch))"))
            {
                w.Line("batches.Shuffle(epoch);");
                w.Line("bool recorded = recorder.IsRecorded(epoch);");
                w.Line("double cost = 0;");
                using (w.Block("for (int batch = 0; batch < batches.Count; batch++)"))
                {
                    w.Line("int n = batches.Size(batch);");
                    w.Line($"{Names.ReadOnlySpan} xb = batches.{(blocked ? "BlockedInputs" : "Inputs")}(batch, x), yb = batches.Labels(batch, y);");
                    var tail = (HasDropout(spec) ? ", dropout" : "") + (blocked ? ", xBlocked: true" : "");
                    w.Line($"{Names.ReadOnlySpan} al = ForwardCore(xb, caches, n{tail});");
                    var weightsFinite = string.Join(" && ", spec.Layers.Select(l => $"{Names.VectorMath}.AllFinite({l.Weights})"));
                    w.Line("// Every step's cost is checked (training stops before an update made from a non-finite one), computed in recorded");
                    w.Line("// epochs; elsewhere it is finite exactly when the outputs are and, with L2, the weights are (squares summed in double).");
                    using (w.Block($"if (recorded || !{MemberNames.CostIsFinite}(al, yb) || (options.L2 > 0f && !({weightsFinite})))"))
                    {
                        w.Line("double stepCost = CostCore(al, yb) + (options.L2 > 0f ? options.L2 / (2.0 * n) * SquaredWeights() : 0.0);");
                        w.Line("cost += n * stepCost;");
                        w.Line("if (!double.IsFinite(stepCost)) break;");
                    }
                    w.Line($"BackwardCore(xb, yb, caches, gradients, n{tail});");
                    w.Line("if (options.L2 > 0f) AddL2Gradients(gradients, options.L2 / n);");
                    w.Line("updater.Step();");
                }
                w.Line("if ((recorded || !double.IsFinite(cost)) && !recorder.Record(epoch, (float)(cost / m))) break;");
            }
            w.Line("return recorder.Finish();");
        }
        w.Line();
    }

    static void EmitRegularization(SourceWriter w, NetworkSpec spec)
    {
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        w.Line($"public double SquaredWeights() => {string.Join(" + ", spec.Layers.Select(l => $"global::NetGen.Kernels.Regularization.SumOfSquares({l.Weights})"))};");
        w.Line();
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block("public void AddL2Gradients(Gradients gradients, float factor)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(gradients);");
            foreach (var layer in spec.Layers)
                w.Line($"global::NetGen.Kernels.Regularization.AddGradient(gradients.D{layer.Weights}, {layer.Weights}, factor);");
        }
        w.Line();
    }

    static void EmitDropout(SourceWriter w, NetworkSpec spec)
    {
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block($"public {Names.ReadOnlySpan} ForwardWithDropout({Names.ReadOnlyMemory} x, Caches caches, {Dropout} dropout)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(caches);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(dropout);");
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, caches.Capacity, nameof(x));");
            w.Line("caches.Input = x;");
            w.Line("return ForwardCore(x.Span, caches, m, dropout);");
        }
        w.Line();
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void BackwardWithDropout({Names.ReadOnlySpan} y, Caches caches, Gradients gradients, {Dropout} dropout)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(caches);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(gradients);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(dropout);");
            w.Line($"{Names.ShapeGuard}.ForwardRan(caches.BatchSize, nameof(caches));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, caches.BatchSize * OutputSize, nameof(y));");
            w.Line("BackwardCore(caches.Input.Span, y, caches, gradients, caches.BatchSize, dropout);");
        }
        w.Line();
    }
}
