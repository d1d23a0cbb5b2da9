using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary><c>L_model_backward</c> and <c>update_parameters</c>.</summary>
internal static class BackwardEmitter
{
    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        var last = spec.LayerCount;
        w.Line(Names.InheritDoc);
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

        w.Line("/// <summary>");
        w.Line("/// The backward pass over m examples whose sizes were checked by the caller.");
        if (TrainingPlan.For(spec).Dropout)
        {
            w.Line("/// With the forward pass's dropout, each layer's kernel takes the derivative at the dropped activations (0 where dropped,");
            w.Line("/// the same sign elsewhere, so the same ReLU/LeakyReLU slope), then dZ is masked and divided by the keep probability.");
        }
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private void BackwardCore({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, Caches caches, Gradients gradients, int m{DropoutCalls.Parameter(spec)}{LaneLayout.InputParameter(spec)})"))
        {
            w.Line("float inverseM = 1f / m;");
            w.Line($"// Output: dZ{last} = A{last} - Y.");
            w.Line($"{Names.VectorMath}.Subtract(new {Names.ReadOnlySpan}(caches.A{last}, 0, m * OutputSize), y, caches.DZ{last});");
            for (var index = last; index >= 1; index--)
            {
                w.Line($"// {LayerPlan.Title(spec.Layer(index))}");
                w.Line(LayerCall(spec, spec.Layer(index)));
                if (index > 1 && DropoutCalls.AfterBackward(spec, spec.Layer(index - 1)) is { } mask) w.Line(mask);
            }
        }
        w.Line();

        w.Line(Names.InheritDoc);
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
    public static string LayerCall(NetworkSpec spec, LayerSpec layer)
    {
        var index = layer.Index;
        var input = layer.IsFirst ? "x" : $"caches.A{index - 1}";
        var previousDz = layer.IsFirst ? "" : $", caches.DZ{index - 1}";
        var tiles = LayerPlan.For(layer) == LayerStrategy.Tiled ? $", caches.Tiles{index}" : "";
        var blocked = layer.IsFirst && LaneLayout.BlockedBatches(spec) ? ", xBlocked" : "";
        return $"BackwardLayer{index}({input}, caches.DZ{index}, gradients{previousDz}, m, inverseM{tiles}{blocked});";
    }
}
