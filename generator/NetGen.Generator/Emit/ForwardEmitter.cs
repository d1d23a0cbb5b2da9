using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary><c>L_model_forward</c>: the public entry point and the straight-line chain of layer calls.</summary>
internal static class ForwardEmitter
{
    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block($"public {Names.ReadOnlySpan} Forward({Names.ReadOnlyMemory} x, Caches caches)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(caches);");
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, caches.Capacity, nameof(x));");
            w.Line("caches.Input = x;");
            w.Line("return ForwardCore(x.Span, caches, m);");
        }
        w.Line();

        var dropout = TrainingPlan.For(spec).Dropout;
        w.Line($"/// <summary>The forward pass over m examples whose sizes were checked by the caller{(dropout ? ", with dropout after every hidden layer when given" : "")}.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private {Names.ReadOnlySpan} ForwardCore({Names.ReadOnlySpan} x, Caches caches, int m{DropoutCalls.Parameter(spec)}{LaneLayout.InputParameter(spec)})"))
        {
            w.Line("caches.BatchSize = m;");
            foreach (var layer in spec.Layers)
            {
                w.Line($"// {LayerPlan.Title(layer)}");
                w.Line(LayerCall(spec, layer));
                if (DropoutCalls.AfterForward(spec, layer) is { } mask) w.Line(mask);
            }
            w.Line($"return new {Names.ReadOnlySpan}(caches.A{spec.LayerCount}, 0, m * OutputSize);");
        }
        w.Line();
    }

    /// <summary>The call of layer <paramref name="layer"/>'s forward kernel over m examples in <c>caches</c>.</summary>
    public static string LayerCall(NetworkSpec spec, LayerSpec layer)
    {
        var input = layer.IsFirst ? "x" : $"caches.A{layer.Index - 1}";
        var blocked = layer.IsFirst && LaneLayout.BlockedBatches(spec) ? ", xBlocked" : "";
        return $"ForwardLayer{layer.Index}({input}, caches.A{layer.Index}, m{blocked});";
    }
}
