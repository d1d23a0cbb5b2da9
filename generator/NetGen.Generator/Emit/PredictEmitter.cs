using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary><c>predict</c>: forward passes that allocate nothing and share no state, so any thread may call them.</summary>
internal static class PredictEmitter
{
    /// <summary>Examples run together: the height of the forward kernels' register tiles.</summary>
    public const int Block = 4;

    /// <summary>Hidden activations of a block up to this many floats live on the stack; larger ones in pooled arrays.</summary>
    public const int MaxStackFloats = 8192;

    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        var hidden = spec.Layers.Take(spec.LayerCount - 1).ToList();
        var stackFloats = hidden.Sum(l => (long)l.Outputs) * Block;
        var onStack = stackFloats <= MaxStackFloats;

        w.Line("/// <summary>");
        w.Line("/// Runs one or many examples forward and writes their outputs: <c>output[i * OutputSize + j]</c>.");
        w.Line("/// Thread-safe and allocation-free: intermediate activations live on " + (onStack ? "the stack." : "arrays rented from a shared pool."));
        w.Line("/// </summary>");
        w.Line("/// <param name=\"x\">Sample-major inputs, a whole number of examples.</param>");
        w.Line("/// <param name=\"output\">Exactly <c>OutputSize</c> floats per example.</param>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void Predict({Names.ReadOnlySpan} x, {Names.Span} output)"))
        {
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, int.MaxValue, nameof(x));");
            w.Line($"{Names.ShapeGuard}.Length(output.Length, m * OutputSize, nameof(output));");
            string? pooled = null;
            if (hidden.Count > 0)
            {
                if (onStack)
                    foreach (var layer in hidden)
                        w.Line($"{Names.Span} a{layer.Index} = stackalloc float[{Block * layer.Outputs}];");
                else
                {
                    pooled = "rented";
                    w.Line($"float[] {pooled} = global::System.Buffers.ArrayPool<float>.Shared.Rent({Literals.Int(stackFloats)});");
                    var offset = 0L;
                    foreach (var layer in hidden)
                    {
                        w.Line($"{Names.Span} a{layer.Index} = new {Names.Span}({pooled}, {Literals.Int(offset)}, {Block * layer.Outputs});");
                        offset += Block * layer.Outputs;
                    }
                }
            }
            using (w.Block($"for (int i = 0; i < m; i += {Block})"))
            {
                w.Line($"int n = global::System.Math.Min({Block}, m - i);");
                foreach (var layer in spec.Layers)
                {
                    var input = layer.IsFirst ? "x.Slice(i * InputSize, n * InputSize)" : $"a{layer.Index - 1}";
                    var target = layer.Index == spec.LayerCount ? "output.Slice(i * OutputSize, n * OutputSize)" : $"a{layer.Index}";
                    w.Line($"ForwardLayer{layer.Index}({input}, {layer.Weights}, {layer.Biases}, {target}, n);");
                }
            }
            if (pooled is not null) w.Line($"global::System.Buffers.ArrayPool<float>.Shared.Return({pooled});");
        }
        w.Line();

        if (spec.OutputSize == 1)
        {
            w.Line("/// <summary>The network's single output for one example: with a sigmoid output, the probability of class 1.</summary>");
            w.Line("/// <param name=\"x\">One example: exactly <c>InputSize</c> floats.</param>");
            w.Line(Names.GeneratedCode);
            using (w.Block($"public float Predict({Names.ReadOnlySpan} x)"))
            {
                w.Line($"{Names.ShapeGuard}.Length(x.Length, InputSize, nameof(x));");
                w.Line("float result = 0;");
                w.Line("Predict(x, global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref result, 1));");
                w.Line("return result;");
            }
            w.Line();
        }
    }
}
