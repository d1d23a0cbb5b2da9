using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Small layers: multiply-adds written out with constant indices. Up to <see cref="LayerPlan.MaxFullyUnrolledMultiplyAdds"/>
/// every one of them is its own term, one line per unit; beyond that a loop over the units (or inputs) runs one
/// written-out dot product, so the code grows with inputs + units rather than inputs x units. Either way each
/// sum is <c>b + w0 a0 + w1 a1 + ...</c> in input order, the same bits as <c>PredictOne</c>'s locals.
/// </summary>
internal static class UnrolledKernels
{
    public static void Emit(SourceWriter w, LayerSpec layer)
    {
        var full = LayerPlan.IsFullyUnrolled(layer);
        EmitForward(w, layer, full);
        EmitBackward(w, layer, full);
    }

    static string Sum(System.Collections.Generic.IEnumerable<string> terms) => string.Join(" + ", terms);

    static void EmitForward(SourceWriter w, LayerSpec layer, bool full)
    {
        int n = layer.Inputs, units = layer.Outputs;
        LayerKernels.ForwardDoc(w, layer);
        using (w.Block(LayerKernels.ForwardSignature(layer)))
        {
            w.Line("// Constant-length slices let the JIT drop the bounds checks of the constant indices below.");
            w.Line($"{Names.ReadOnlySpan} w = weights[..{Literals.Int(layer.MultiplyAdds)}], b = biases[..{units}];");
            using (w.Block("for (int i = 0; i < m; i++)"))
            {
                w.Line($"{Names.ReadOnlySpan} a = input.Slice(i * {n}, {n});");
                w.Line($"{Names.Span} z = output.Slice(i * {units}, {units});");
                if (full)
                {
                    for (var j = 0; j < units; j++)
                    {
                        var terms = Enumerable.Range(0, n).Select(k => $"w[{j * n + k}] * a[{k}]");
                        w.Line($"z[{j}] = {ActivationCode.Apply(layer.Activation, $"b[{j}] + {Sum(terms)}")};");
                    }
                }
                else
                {
                    using (w.Block($"for (int j = 0; j < {units}; j++)"))
                    {
                        w.Line($"{Names.ReadOnlySpan} wj = w.Slice(j * {n}, {n});");
                        w.Line($"z[j] = {ActivationCode.Apply(layer.Activation, $"b[j] + {Sum(Enumerable.Range(0, n).Select(k => $"wj[{k}] * a[{k}]"))}")};");
                    }
                }
            }
            if (ActivationCode.RowsLine(layer, "output", "m") is { } softmax) w.Line(softmax);
        }
        w.Line();
    }

    static void EmitBackward(SourceWriter w, LayerSpec layer, bool full)
    {
        int n = layer.Inputs, units = layer.Outputs;
        LayerKernels.BackwardDoc(w, layer);
        using (w.Block(LayerKernels.BackwardSignature(layer)))
        {
            w.Line($"{Names.ReadOnlySpan} w = weights[..{Literals.Int(layer.MultiplyAdds)}];");
            w.Line($"{Names.Span} dw = dWeights[..{Literals.Int(layer.MultiplyAdds)}], db = dBiases[..{units}];");
            w.Line("dw.Clear();");
            w.Line("db.Clear();");
            using (w.Block("for (int i = 0; i < m; i++)"))
            {
                w.Line($"{Names.ReadOnlySpan} a = input.Slice(i * {n}, {n}), d = dz.Slice(i * {units}, {units});");
                if (full) FullyUnrolledExample(w, layer);
                else LoopedExample(w, layer);
            }
            w.Line($"{Names.VectorMath}.Scale(dw, inverseM);");
            w.Line($"{Names.VectorMath}.Scale(db, inverseM);");
        }
        w.Line();
    }

    static void FullyUnrolledExample(SourceWriter w, LayerSpec layer)
    {
        int n = layer.Inputs, units = layer.Outputs;
        w.Line($"float {string.Join(", ", Enumerable.Range(0, units).Select(j => $"d{j} = d[{j}]"))};");
        w.Line($"// db{layer.Index} += dZ[i]; dW{layer.Index} += dZ[i] (outer) A_prev[i], one line per unit.");
        w.Line(string.Join(" ", Enumerable.Range(0, units).Select(j => $"db[{j}] += d{j};")));
        for (var j = 0; j < units; j++)
            w.Line(string.Join(" ", Enumerable.Range(0, n).Select(k => $"dw[{j * n + k}] += d{j} * a[{k}];")));
        if (layer.IsFirst) return;
        w.Line($"// dZ{layer.Index - 1}[i, k] = sum_j dZ{layer.Index}[i, j] W{layer.Index}[j, k], times the derivative of A{layer.Index - 1}.");
        w.Line($"{Names.Span} g = dzPrevious.Slice(i * {n}, {n});");
        for (var k = 0; k < n; k++)
        {
            var sum = Sum(Enumerable.Range(0, units).Select(j => $"d{j} * w[{j * n + k}]"));
            w.Line($"g[{k}] = {ActivationCode.Backward(layer.InputActivation, $"({sum})", $"a[{k}]")};");
        }
    }

    static void LoopedExample(SourceWriter w, LayerSpec layer)
    {
        int n = layer.Inputs, units = layer.Outputs;
        w.Line($"// db{layer.Index} += dZ[i]; dW{layer.Index} += dZ[i] (outer) A_prev[i], a unit at a time.");
        using (w.Block($"for (int j = 0; j < {units}; j++)"))
        {
            w.Line("float dj = d[j];");
            w.Line("db[j] += dj;");
            w.Line($"{Names.Span} dwj = dw.Slice(j * {n}, {n});");
            w.Line(string.Join(" ", Enumerable.Range(0, n).Select(k => $"dwj[{k}] += dj * a[{k}];")));
        }
        if (layer.IsFirst) return;
        w.Line($"// dZ{layer.Index - 1}[i, k] = sum_j dZ{layer.Index}[i, j] W{layer.Index}[j, k], times the derivative of A{layer.Index - 1}, an input at a time.");
        w.Line($"{Names.Span} g = dzPrevious.Slice(i * {n}, {n});");
        using (w.Block($"for (int k = 0; k < {n}; k++)"))
        {
            w.Line($"{Names.ReadOnlySpan} wk = w.Slice(k, {Literals.Int(layer.MultiplyAdds - n + 1)});");
            var sum = Sum(Enumerable.Range(0, units).Select(j => $"d[{j}] * wk[{j * n}]"));
            w.Line($"g[k] = {ActivationCode.Backward(layer.InputActivation, $"({sum})", "a[k]")};");
        }
    }
}
