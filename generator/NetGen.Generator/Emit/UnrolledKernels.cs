using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Small layers: every multiply-add written out with constant indices, one line per unit.</summary>
internal static class UnrolledKernels
{
    public static void Emit(SourceWriter w, LayerSpec layer)
    {
        EmitForward(w, layer);
        EmitBackward(w, layer);
    }

    static void EmitForward(SourceWriter w, LayerSpec layer)
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
                for (var j = 0; j < units; j++)
                {
                    var terms = Enumerable.Range(0, n).Select(k => $"w[{j * n + k}] * a[{k}]");
                    w.Line($"z[{j}] = {ActivationCode.Apply(layer.Activation, $"b[{j}] + {string.Join(" + ", terms)}")};");
                }
            }
        }
        w.Line();
    }

    static void EmitBackward(SourceWriter w, LayerSpec layer)
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
                w.Line($"float {string.Join(", ", Enumerable.Range(0, units).Select(j => $"d{j} = d[{j}]"))};");
                w.Line($"// db{layer.Index} += dZ[i]; dW{layer.Index} += dZ[i] (outer) A_prev[i], one line per unit.");
                w.Line(string.Join(" ", Enumerable.Range(0, units).Select(j => $"db[{j}] += d{j};")));
                for (var j = 0; j < units; j++)
                    w.Line(string.Join(" ", Enumerable.Range(0, n).Select(k => $"dw[{j * n + k}] += d{j} * a[{k}];")));
                if (!layer.IsFirst)
                {
                    w.Line($"// dZ{layer.Index - 1}[i, k] = sum_j dZ{layer.Index}[i, j] W{layer.Index}[j, k], times the derivative of A{layer.Index - 1}.");
                    w.Line($"{Names.Span} g = dzPrevious.Slice(i * {n}, {n});");
                    for (var k = 0; k < n; k++)
                    {
                        var sum = string.Join(" + ", Enumerable.Range(0, units).Select(j => $"d{j} * w[{j * n + k}]"));
                        w.Line($"g[{k}] = {ActivationCode.Backward(layer.InputActivation, $"({sum})", $"a[{k}]")};");
                    }
                }
            }
            w.Line($"{Names.VectorMath}.Scale(dw, inverseM);");
            w.Line($"{Names.VectorMath}.Scale(db, inverseM);");
        }
        w.Line();
    }
}
