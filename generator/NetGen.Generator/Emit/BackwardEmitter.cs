using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary><c>L_model_backward</c> and <c>update_parameters</c>.</summary>
internal static class BackwardEmitter
{
    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        var last = spec.LayerCount;
        w.Line("/// <summary>");
        w.Line("/// The course's <c>L_model_backward</c> for the batch of the last <see cref=\"Forward\"/> call with these caches:");
        w.Line("/// fills <paramref name=\"gradients\"/> with dCost/dW and dCost/db of every layer. The output layer starts from");
        w.Line("/// dZ = AL - Y, exact for a sigmoid output with cross-entropy, a linear one with squared error and a softmax one with categorical cross-entropy.");
        w.Line("/// The gradient with respect to the input (dA0) is not computed: nothing uses it.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"y\">The labels of the batch, (m, OutputSize) sample-major.</param>");
        w.Line("/// <param name=\"caches\">The caches the forward pass filled.</param>");
        w.Line("/// <param name=\"gradients\">Receives the gradients; its previous contents are overwritten.</param>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void Backward({Names.ReadOnlySpan} y, Caches caches, Gradients gradients)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(caches);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(gradients);");
            w.Line($"{Names.ShapeGuard}.ForwardRan(caches.BatchSize, nameof(caches));");
            w.Line($"{Names.ShapeGuard}.Length(y.Length, caches.BatchSize * OutputSize, nameof(y));");
            w.Line("BackwardCore(caches.Input.Span, y, caches, gradients, caches.BatchSize);");
        }
        w.Line();

        w.Line("/// <summary>The backward pass over m examples whose sizes were checked by the caller.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private void BackwardCore({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, Caches caches, Gradients gradients, int m)"))
        {
            w.Line("float inverseM = 1f / m;");
            w.Line($"// Output: dZ{last} = A{last} - Y.");
            w.Line($"{Names.VectorMath}.Subtract(new {Names.ReadOnlySpan}(caches.A{last}, 0, m * OutputSize), y, caches.DZ{last});");
            for (var index = last; index >= 1; index--)
            {
                w.Line($"// {LayerPlan.Title(spec.Layer(index))}");
                w.Line(LayerCall(spec.Layer(index)));
            }
        }
        w.Line();

        w.Line("/// <summary>The course's <c>update_parameters</c>: one gradient-descent step, <c>W -= learningRate * dW</c>, <c>b -= learningRate * db</c>.</summary>");
        w.Line("/// <param name=\"gradients\">The gradients of a backward pass.</param>");
        w.Line("/// <param name=\"learningRate\">The step: a finite number greater than 0, as <c>TrainingOptions.LearningRate</c>.</param>");
        w.Line(ParameterGuard.Remarks);
        w.Line(Names.GeneratedCode);
        using (w.Block("public void UpdateParameters(Gradients gradients, float learningRate)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(gradients);");
            w.Line($"{Names.ValueGuard}.LearningRate(learningRate, nameof(learningRate));");
            w.Line($"using var writer = {ParameterGuard.Enter("UpdateParameters")};");
            w.Line("UpdateCore(gradients, learningRate);");
        }
        w.Line();

        w.Line("/// <summary>The update, for a caller that checked the learning rate and holds the parameters (Train).</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block("private void UpdateCore(Gradients gradients, float learningRate)"))
        {
            foreach (var layer in spec.Layers)
            {
                w.Line($"{Names.VectorMath}.SubtractScaled({layer.Weights}, gradients.D{layer.Weights}, learningRate);");
                w.Line($"{Names.VectorMath}.SubtractScaled({layer.Biases}, gradients.D{layer.Biases}, learningRate);");
            }
        }
        w.Line();
    }

    /// <summary>The call of layer <paramref name="layer"/>'s backward kernel over m examples in <c>caches</c> and <c>gradients</c>.</summary>
    public static string LayerCall(LayerSpec layer)
    {
        var index = layer.Index;
        var input = layer.IsFirst ? "x" : $"caches.A{index - 1}";
        var previousDz = layer.IsFirst ? "" : $", caches.DZ{index - 1}";
        var tiles = LayerPlan.For(layer) == LayerStrategy.Tiled ? $", caches.Tiles{index}" : "";
        return $"BackwardLayer{index}({input}, caches.DZ{index}, {layer.Weights}, gradients.D{layer.Weights}, gradients.D{layer.Biases}{previousDz}, m, inverseM{tiles});";
    }
}
