using System.Linq;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>PredictOne</c>: one example, the case the per-call overhead matters most for. Layer by layer: a lane layer through
/// its scalar one-example kernel (each unit's inputs added one by one in input order, product and sum rounded
/// separately, exactly as its batch kernel does), a tiled layer through its batch kernel, so a single prediction has
/// the same bits as Forward.
/// </summary>
internal static class PredictOneEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var onStack = plan.Predict.OneExample.OnStack;
        w.Line($"/// <summary>One example, checked by the caller, layer by layer, its activations {(onStack ? "on the stack" : "in a rented array")}.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private void {MemberNames.PredictOne}({Names.ReadOnlySpan} x, {Names.Span} output)"))
        {
            var hidden = plan.Layers.Take(plan.LayerCount - 1).Select(l => l.Spec).ToList();
            var pooled = PredictEmitter.DeclareActivations(w, hidden, 1, onStack);
            foreach (var layer in plan.Layers)
            {
                var input = layer.Index == 1 ? "x" : $"a{layer.Index - 1}";
                var target = layer.Index == plan.LayerCount ? "output" : $"a{layer.Index}";
                if (!layer.IsLanes)
                {
                    w.Line($"{layer.Members.Forward}({input}, {target}, 1);");
                    continue;
                }
                w.Line(LaneKernels.ForwardOne(layer.Spec, input, layer.Members.Weights, layer.Members.Biases, target));
                if (ActivationCode.RowsLine(layer.Spec, target, "1") is { } softmax) w.Line(softmax);
            }
            if (pooled is not null) w.Line($"{Names.KernelScratch}.Return({pooled});");
        }
        w.Line();
    }
}
