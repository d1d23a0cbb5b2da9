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
    const string Dropout = "global::NetGen.Training.Dropout";

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
        using (w.Block($"private global::NetGen.TrainingResult TrainGeneral({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, global::NetGen.TrainingOptions options, int m)"))
        {
            if (!HasDropout(spec))
            {
                var why = spec.LayerCount == 1 ? "this network has no hidden layer" : $"this network's hidden layers are {ActivationCode.Name(spec.Hidden)}";
                w.Line("if (options.KeepProbability < 1f)");
                w.Line($"    throw new global::System.ArgumentException($\"KeepProbability {{options.KeepProbability}} asks for dropout on the hidden layers, which needs ReLU or LeakyReLU hidden layers, but {why}.\", nameof(options));");
            }
            w.Line("var batches = new global::NetGen.Kernels.MiniBatches(options.MiniBatchSize, options.ShuffleSeed, m, InputSize, OutputSize);");
            w.Line("var caches = new Caches(batches.Capacity);");
            w.Line("var gradients = new Gradients();");
            var lengths = string.Join(", ", spec.Layers.SelectMany(l => new[] { $"{l.Weights}.Length", $"{l.Biases}.Length" }));
            w.Line($"var updater = new global::NetGen.Kernels.ParameterUpdater(options, {lengths});");
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
                    w.Line($"{Names.ReadOnlySpan} xb = batches.Inputs(batch, x), yb = batches.Labels(batch, y);");
                    if (HasDropout(spec))
                        w.Line($"{Names.ReadOnlySpan} al = dropout is null ? ForwardCore(xb, caches, n) : ForwardDropoutCore(xb, caches, n, dropout);");
                    else
                        w.Line($"{Names.ReadOnlySpan} al = ForwardCore(xb, caches, n);");
                    var weightsFinite = string.Join(" && ", spec.Layers.Select(l => $"{Names.VectorMath}.AllFinite({l.Weights})"));
                    w.Line("// Every step's cost is checked, so training stops before the first update made from a non-finite cost. It is computed");
                    w.Line("// in recorded epochs; elsewhere it is finite exactly when the outputs are and, with L2, the weights are (their squares");
                    w.Line("// are summed in double, which cannot overflow), and only a step whose cost is not finite adds it to the epoch's sum.");
                    using (w.Block($"if (recorded || !{MemberNames.CostIsFinite}(al, yb) || (options.L2 > 0f && !({weightsFinite})))"))
                    {
                        w.Line("double stepCost = CostCore(al, yb) + (options.L2 > 0f ? options.L2 / (2.0 * n) * SquaredWeights() : 0.0);");
                        w.Line("cost += n * stepCost;");
                        w.Line("if (!double.IsFinite(stepCost)) break;");
                    }
                    if (HasDropout(spec))
                    {
                        w.Line("if (dropout is null) BackwardCore(xb, yb, caches, gradients, n);");
                        w.Line("else BackwardDropoutCore(xb, yb, caches, gradients, n, dropout);");
                    }
                    else
                    {
                        w.Line("BackwardCore(xb, yb, caches, gradients, n);");
                    }
                    w.Line("if (options.L2 > 0f) AddL2Gradients(gradients, options.L2 / n);");
                    w.Line("updater.BeginStep();");
                    var index = 0;
                    foreach (var layer in spec.Layers)
                    {
                        w.Line($"updater.Update({index++}, {layer.Weights}, gradients.D{layer.Weights});");
                        w.Line($"updater.Update({index++}, {layer.Biases}, gradients.D{layer.Biases});");
                    }
                }
                w.Line("if ((recorded || !double.IsFinite(cost)) && !recorder.Record(epoch, (float)(cost / m))) break;");
            }
            w.Line("return recorder.Finish();");
        }
        w.Line();
    }

    static void EmitRegularization(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>The sum of every weight squared, the course's L2 term before <c>lambd / (2m)</c>; biases are not regularised.</summary>");
        w.Line("/// <returns>sum(W1²) + ... + sum(WL²), in double.</returns>");
        w.Line(Names.GeneratedCode);
        w.Line($"public double SquaredWeights() => {string.Join(" + ", spec.Layers.Select(l => $"global::NetGen.Kernels.Regularization.SumOfSquares({l.Weights})"))};");
        w.Line();
        w.Line("/// <summary>The course's <c>backward_propagation_with_regularization</c> term: <c>dW += factor * W</c> for every layer, factor = lambd / m.</summary>");
        w.Line("/// <param name=\"gradients\">Gradients from <see cref=\"Backward\"/>, updated in place.</param>");
        w.Line("/// <param name=\"factor\">lambd / m.</param>");
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
        var last = spec.LayerCount;
        w.Line("/// <summary>");
        w.Line("/// The course's <c>forward_propagation_with_dropout</c>: <see cref=\"Forward\"/> with each hidden layer's activations masked");
        w.Line("/// and scaled by <paramref name=\"dropout\"/> (inverted dropout), which keeps the masks for the backward pass.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"x\">Sample-major inputs, a whole number of examples, at most the caches' capacity.</param>");
        w.Line("/// <param name=\"caches\">Made once with <c>new Caches(batchSize)</c>.</param>");
        w.Line($"/// <param name=\"dropout\">Masks for the hidden layers: <c>new {Dropout}(keepProbability, seed, batchSize, {string.Join(", ", spec.Layers.Where(l => l.Index < last).Select(l => l.Outputs))})</c>.</param>");
        w.Line("/// <returns>AL, valid until the next forward pass with these caches.</returns>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public {Names.ReadOnlySpan} ForwardWithDropout({Names.ReadOnlyMemory} x, Caches caches, {Dropout} dropout)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(caches);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(dropout);");
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, caches.Capacity, nameof(x));");
            w.Line("caches.Input = x;");
            w.Line("return ForwardDropoutCore(x.Span, caches, m, dropout);");
        }
        w.Line();
        w.Line("/// <summary>The course's <c>backward_propagation_with_dropout</c>, after <see cref=\"ForwardWithDropout\"/> with the same dropout.</summary>");
        w.Line("/// <param name=\"y\">The labels of the batch, (m, OutputSize) sample-major.</param>");
        w.Line("/// <param name=\"caches\">The caches the forward pass filled.</param>");
        w.Line("/// <param name=\"gradients\">Receives the gradients.</param>");
        w.Line("/// <param name=\"dropout\">The dropout of the forward pass, holding its masks.</param>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void BackwardWithDropout({Names.ReadOnlySpan} y, Caches caches, Gradients gradients, {Dropout} dropout)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(caches);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(gradients);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(dropout);");
            w.Line($"{Names.ShapeGuard}.ForwardRan(caches.BatchSize, nameof(caches));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, caches.BatchSize * OutputSize, nameof(y));");
            w.Line("BackwardDropoutCore(caches.Input.Span, y, caches, gradients, caches.BatchSize, dropout);");
        }
        w.Line();

        w.Line("/// <summary>The forward pass with dropout after every hidden layer, over m checked examples.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private {Names.ReadOnlySpan} ForwardDropoutCore({Names.ReadOnlySpan} x, Caches caches, int m, {Dropout} dropout)"))
        {
            w.Line("caches.BatchSize = m;");
            foreach (var layer in spec.Layers)
            {
                w.Line($"// {LayerPlan.Title(layer)}");
                w.Line(ForwardEmitter.LayerCall(layer));
                if (layer.Index >= last) continue;
                if (LaneLayout.OutputBlocked(spec, layer))
                {
                    // The masks are drawn over sample-major activations: A of a blocked layer is masked in its published copy.
                    w.Line($"{LaneLayout.Lanes}.ToSampleMajor(caches.A{layer.Index}, {layer.Outputs}, m, caches.Published{layer.Index});");
                    w.Line($"dropout.Forward({layer.Index}, caches.Published{layer.Index}, m);");
                    w.Line($"{LaneLayout.Lanes}.FromSampleMajor(caches.Published{layer.Index}, {layer.Outputs}, m, caches.A{layer.Index});");
                }
                else w.Line($"dropout.Forward({layer.Index}, caches.A{layer.Index}, m);");
            }
            w.Line($"return new {Names.ReadOnlySpan}(caches.A{last}, 0, m * OutputSize);");
        }
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// The backward pass with dropout: each layer's kernel takes the derivative at the dropped activations (0 where dropped,");
        w.Line("/// the same sign elsewhere, so the same ReLU/LeakyReLU slope), then dZ is masked and divided by the keep probability.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private void BackwardDropoutCore({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, Caches caches, Gradients gradients, int m, {Dropout} dropout)"))
        {
            w.Line("float inverseM = 1f / m;");
            w.Line($"{Names.VectorMath}.Subtract(new {Names.ReadOnlySpan}(caches.A{last}, 0, m * OutputSize), y, caches.DZ{last});");
            for (var index = last; index >= 1; index--)
            {
                var layer = spec.Layer(index);
                w.Line($"// {LayerPlan.Title(layer)}");
                w.Line(BackwardEmitter.LayerCall(layer));
                if (layer.IsFirst) continue;
                var below = spec.Layer(index - 1);
                if (LaneLayout.OutputBlocked(spec, below))
                {
                    w.Line($"{LaneLayout.Lanes}.ToSampleMajor(caches.DZ{index - 1}, {below.Outputs}, m, caches.Published{index - 1});");
                    w.Line($"dropout.Backward({index - 1}, caches.Published{index - 1}, m);");
                    w.Line($"{LaneLayout.Lanes}.FromSampleMajor(caches.Published{index - 1}, {below.Outputs}, m, caches.DZ{index - 1});");
                }
                else w.Line($"dropout.Backward({index - 1}, caches.DZ{index - 1}, m);");
            }
        }
        w.Line();
    }
}
