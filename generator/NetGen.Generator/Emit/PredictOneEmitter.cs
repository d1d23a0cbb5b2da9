using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>PredictOne</c>: one example, the case the per-call overhead matters most for. Tiled layers run their kernels;
/// small unrolled layers keep their activations in locals, and where 256-bit vectors are hardware accelerated, in
/// vectors whose lanes are units. Each lane still adds its inputs one by one in input order, with a multiply and an
/// add rounded separately, exactly as the batch kernels do, so a single prediction has the same bits as Forward.
/// </summary>
internal static class PredictOneEmitter
{
    /// <summary>Lanes of <c>Vector256&lt;float&gt;</c>.</summary>
    const int Lanes = 8;

    const string Vector256 = "global::System.Runtime.Intrinsics.Vector256";
    const string Vector256OfFloat = Vector256 + "<float>";

    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var (onStack, local, vector) = plan.Predict.OneExample;
        w.Line(local
            ? "/// <summary>One example, checked by the caller: tiled layers through their kernels, unrolled layers with their activations in locals.</summary>"
            : $"/// <summary>One example, checked by the caller, layer by layer through the batch kernels, its activations {(onStack ? "on the stack" : "in a rented array")}.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private void {MemberNames.PredictOne}({Names.ReadOnlySpan} x, {Names.Span} output)"))
        {
            if (!local) ThroughKernels(w, plan, onStack);
            else if (!vector) InLocals(w, plan, vector: false);
            else
            {
                using (w.Block($"if ({Vector256}.IsHardwareAccelerated)")) InLocals(w, plan, vector: true);
                using (w.Block("else")) InLocals(w, plan, vector: false);
            }
        }
        w.Line();
    }

    static void ThroughKernels(SourceWriter w, NetworkPlan plan, bool onStack)
    {
        var hidden = plan.Layers.Take(plan.LayerCount - 1).Select(l => l.Spec).ToList();
        var pooled = PredictEmitter.DeclareActivations(w, hidden, 1, onStack);
        foreach (var layer in plan.Layers)
        {
            var input = layer.Index == 1 ? "x" : $"a{layer.Index - 1}";
            var target = layer.Index == plan.LayerCount ? "output" : $"a{layer.Index}";
            w.Line(ForwardCall(layer, input, target));
        }
        if (pooled is not null) w.Line($"global::System.Buffers.ArrayPool<float>.Shared.Return({pooled});");
    }

    /// <summary>Where a layer's activations are: a span, scalar locals <c>a{l}_{j}</c>, or vectors <c>a{l}_{g}</c> of 8 units.</summary>
    enum Place { Span, Scalars, Vectors }

    /// <summary>A call of the layer's forward kernel for one example.</summary>
    static string ForwardCall(PlannedLayer layer, string input, string target) =>
        $"{layer.Members.Forward}({input}, {layer.Members.Weights}, {layer.Members.Biases}, {target}, 1);";

    static void InLocals(SourceWriter w, NetworkPlan plan, bool vector)
    {
        w.Line($"{Names.ReadOnlySpan} x0 = x[..InputSize];");
        var source = "x0";
        var place = Place.Span;
        foreach (var planned in plan.Layers)
        {
            var layer = planned.Spec;
            var last = layer.Index == plan.LayerCount;
            var next = last ? null : plan.Layer(layer.Index + 1);
            w.Line($"// {planned.Title}");
            if (!planned.IsUnrolled)
            {
                source = Tiled(w, planned, source, place, last);
                place = Place.Span;
                continue;
            }

            // Constant-length spans: the JIT drops the bounds checks of the constant indices below.
            w.Line($"{Names.ReadOnlySpan} w{layer.Index} = new {Names.ReadOnlySpan}({planned.Members.Weights}, 0, {Literals.Int(layer.MultiplyAdds)}), b{layer.Index} = new {Names.ReadOnlySpan}({planned.Members.Biases}, 0, {layer.Outputs});");
            if (place == Place.Span && source != "x0")
            {
                w.Line($"{Names.ReadOnlySpan} in{layer.Index} = {source}[..{layer.Inputs}];");
                source = $"in{layer.Index}";
            }
            var input = Input(layer, source, place);
            var toSpan = last || (next is not null && !next.IsUnrolled);
            var target = last ? "o" : $"a{layer.Index}";
            if (last) w.Line($"{Names.Span} o = output[..{layer.Outputs}];");
            else if (toSpan) w.Line($"{Names.Span} {target} = stackalloc float[{layer.Outputs}];");

            if (vector && layer.Outputs >= OneExamplePlan.MinVectorUnits) place = VectorLayer(w, layer, input, toSpan, target);
            else
            {
                for (var j = 0; j < layer.Outputs; j++)
                {
                    var terms = Enumerable.Range(0, layer.Inputs).Select(k => $"w{layer.Index}[{j * layer.Inputs + k}] * {input(k)}");
                    var value = ActivationCode.Apply(layer.Activation, $"b{layer.Index}[{j}] + {string.Join(" + ", terms)}");
                    w.Line(toSpan ? $"{target}[{j}] = {value};" : $"float a{layer.Index}_{j} = {value};");
                }
                place = toSpan ? Place.Span : Place.Scalars;
            }
            if (last && ActivationCode.RowsLine(layer, "o", "1") is { } softmax) w.Line(softmax);
            source = target;
        }
    }

    /// <summary>The expression for input <c>k</c> of <paramref name="layer"/>, read from wherever the layer below left it.</summary>
    static Func<int, string> Input(LayerSpec layer, string source, Place place) => place switch
    {
        Place.Span => k => $"{source}[{k}]",
        Place.Scalars => k => $"a{layer.Index - 1}_{k}",
        _ => k => $"{Vector256}.GetElement(a{layer.Index - 1}_{k / Lanes}, {k % Lanes})",
    };

    static string Tiled(SourceWriter w, PlannedLayer planned, string source, Place place, bool last)
    {
        var layer = planned.Spec;
        if (place != Place.Span)
        {
            var input = Input(layer, source, place);
            w.Line($"{Names.Span} in{layer.Index} = stackalloc float[{layer.Inputs}];");
            for (var k = 0; k < layer.Inputs; k++) w.Line($"in{layer.Index}[{k}] = {input(k)};");
            source = $"in{layer.Index}";
        }
        var target = last ? "output" : $"a{layer.Index}";
        if (!last) w.Line($"{Names.Span} {target} = stackalloc float[{layer.Outputs}];");
        w.Line(ForwardCall(planned, source, target));
        return target;
    }

    /// <summary>Units in vectors of 8 lanes (unused lanes have zero weights and bias), inputs added one at a time.</summary>
    static Place VectorLayer(SourceWriter w, LayerSpec layer, Func<int, string> input, bool toSpan, string target)
    {
        var l = layer.Index;
        var groups = (layer.Outputs + Lanes - 1) / Lanes;
        string Lane(int group, int lane, Func<int, string> value) => group * Lanes + lane < layer.Outputs ? value(group * Lanes + lane) : "0f";
        w.Line("// Lanes are units: each adds its inputs in order, as the batch kernel does.");
        for (var g = 0; g < groups; g++)
            w.Line($"{Vector256OfFloat} z{l}_{g} = {Vector256}.Create({string.Join(", ", Enumerable.Range(0, Lanes).Select(lane => Lane(g, lane, j => $"b{l}[{j}]")))});");
        for (var k = 0; k < layer.Inputs; k++)
            for (var g = 0; g < groups; g++)
                w.Line($"z{l}_{g} += {Vector256}.Create({string.Join(", ", Enumerable.Range(0, Lanes).Select(lane => Lane(g, lane, j => $"w{l}[{j * layer.Inputs + k}]")))}) * {Vector256}.Create({input(k)});");
        if (!toSpan && layer.Activation == Activation.ReLU)
        {
            // Vector256.Max is IEEE 754 maximum, as MathF.Max: the same result for -0 and NaN.
            for (var g = 0; g < groups; g++) w.Line($"{Vector256OfFloat} a{l}_{g} = {Vector256}.Max(z{l}_{g}, {Vector256OfFloat}.Zero);");
            return Place.Vectors;
        }
        for (var j = 0; j < layer.Outputs; j++)
        {
            var value = ActivationCode.Apply(layer.Activation, $"{Vector256}.GetElement(z{l}_{j / Lanes}, {j % Lanes})");
            w.Line(toSpan ? $"{target}[{j}] = {value};" : $"float a{l}_{j} = {value};");
        }
        return toSpan ? Place.Span : Place.Scalars;
    }
}
