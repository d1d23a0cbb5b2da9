using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary><c>L_model_forward</c>: the public entry point and the straight-line chain of layer calls.</summary>
internal static class ForwardEmitter
{
    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>");
        w.Line("/// The course's <c>L_model_forward</c>: runs a batch of <c>x.Length / InputSize</c> examples through every layer and");
        w.Line("/// returns AL, the (batch, OutputSize) output, sample-major. <paramref name=\"caches\"/> keeps the activations");
        w.Line("/// (and a reference to <paramref name=\"x\"/>) for <see cref=\"Backward\"/>; AL lives in it until the next call.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"x\">Sample-major inputs: <c>x[i * InputSize + k]</c>, a whole number of examples, at most the caches' capacity.</param>");
        w.Line("/// <param name=\"caches\">Made once with <c>new Caches(batchSize)</c>.</param>");
        w.Line("/// <returns>AL: (batch, OutputSize) sample-major, valid until the next forward pass with these caches.</returns>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public {Names.ReadOnlySpan} Forward({Names.ReadOnlyMemory} x, Caches caches)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(caches);");
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, caches.Capacity, nameof(x));");
            w.Line("caches.Input = x;");
            w.Line("return ForwardCore(x.Span, caches, m);");
        }
        w.Line();

        w.Line("/// <summary>The forward pass over m examples whose sizes were checked by the caller.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private {Names.ReadOnlySpan} ForwardCore({Names.ReadOnlySpan} x, Caches caches, int m)"))
        {
            w.Line("caches.BatchSize = m;");
            foreach (var layer in spec.Layers)
            {
                w.Line($"// {LayerPlan.Title(layer)}");
                w.Line(LayerCall(layer));
            }
            w.Line($"return new {Names.ReadOnlySpan}(caches.A{spec.LayerCount}, 0, m * OutputSize);");
        }
        w.Line();
    }

    /// <summary>The call of layer <paramref name="layer"/>'s forward kernel over m examples in <c>caches</c>.</summary>
    public static string LayerCall(LayerSpec layer)
    {
        var input = layer.IsFirst ? "x" : $"caches.A{layer.Index - 1}";
        return $"ForwardLayer{layer.Index}({input}, {layer.Weights}, {layer.Biases}, caches.A{layer.Index}, m);";
    }
}
