using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>predict</c>: forward passes that allocate nothing and share no state, so any thread may call them. They run the
/// same per-layer arithmetic as <c>Forward</c>, in the same order, so they give the same bits.
/// </summary>
internal static class PredictEmitter
{
    /// <summary>Examples run together when every layer runs in lanes: four blocks of example lanes; it bounds the stack used.</summary>
    public const int Block = 64;

    /// <summary>Lanes a hidden buffer holds for <paramref name="block"/> examples: whole blocks of example lanes, which blocked layers fill.</summary>
    static int Padded(int block) => (block + 15) / 16 * 16;

    /// <summary>
    /// Examples run together when a layer is tiled: each weight is read once per block (a tiled layer's work items are
    /// its superblocks of inputs, each streaming every example of the block), so the cat set's 209 make one block.
    /// </summary>
    public const int TiledBlock = 256;

    /// <summary>Hidden activations of a block up to this many floats live on the stack; larger ones in pooled arrays.</summary>
    public const int MaxStackFloats = 8192;

    /// <summary>What Predict may run alongside, for its doc comments.</summary>
    const string ConcurrencyRemark =
        "/// Any number of threads may predict at once; not while Train, LoadParameters, InitializeParameters or UpdateParameters changes the parameters on another thread (a Train progress handler, on the training thread, may).";

    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        var block = spec.Layers.Any(l => LayerPlan.For(l) == LayerStrategy.Tiled) ? TiledBlock : Block;
        EmitMany(w, spec, block);
        if (spec.OutputSize == 1) EmitSingleOutput(w);
    }

    static void EmitMany(SourceWriter w, NetworkSpec spec, int block)
    {
        var hidden = spec.Layers.Take(spec.LayerCount - 1).ToList();
        var stackFloats = hidden.Sum(l => (long)l.Outputs) * Padded(block);
        var onStack = stackFloats <= MaxStackFloats;

        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void Predict({Names.ReadOnlySpan} x, {Names.Span} output)"))
        {
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, int.MaxValue, nameof(x));");
            w.Line($"{Names.ShapeGuard}.Length(output.Length, m * OutputSize, nameof(output));");
            using (w.Block("if (m == 1)"))
            {
                w.Line("PredictOne(x, output);");
                w.Line("return;");
            }
            var pooled = DeclareActivations(w, hidden, Padded(block), onStack);
            w.Line($"// Blocks of {block} examples{(block == TiledBlock ? ": each weight of a tiled layer is read once per block" : "")}.");
            using (w.Block($"for (int i = 0; i < m; i += {block})"))
            {
                w.Line($"int n = global::System.Math.Min({block}, m - i);");
                foreach (var layer in spec.Layers)
                {
                    var input = layer.IsFirst ? "x.Slice(i * InputSize, n * InputSize)" : $"a{layer.Index - 1}";
                    var target = layer.Index == spec.LayerCount ? "output.Slice(i * OutputSize, n * OutputSize)" : $"a{layer.Index}";
                    w.Line($"ForwardLayer{layer.Index}({input}, {target}, n);");
                }
            }
            if (pooled is not null) w.Line($"{Names.KernelScratch}.Return({pooled});");
        }
        w.Line();
    }

    /// <summary>Declares a span per hidden layer for <paramref name="block"/> examples; returns the pooled array's name, if one was rented.</summary>
    public static string? DeclareActivations(SourceWriter w, IReadOnlyList<LayerSpec> hidden, int block, bool onStack)
    {
        if (hidden.Count == 0) return null;
        if (onStack)
        {
            foreach (var layer in hidden)
                w.Line($"{Names.Span} a{layer.Index} = stackalloc float[{Literals.Int((long)block * layer.Outputs)}];");
            return null;
        }
        const string pooled = "rented";
        w.Line($"float[] {pooled} = {Names.KernelScratch}.Rent({Literals.Int(hidden.Sum(l => (long)l.Outputs) * block)});");
        var offset = 0L;
        foreach (var layer in hidden)
        {
            w.Line($"{Names.Span} a{layer.Index} = new {Names.Span}({pooled}, {Literals.Int(offset)}, {Literals.Int((long)block * layer.Outputs)});");
            offset += (long)block * layer.Outputs;
        }
        return pooled;
    }

    static void EmitSingleOutput(SourceWriter w)
    {
        w.Line("/// <summary>The network's single output for one example: with a sigmoid output, the probability of class 1.</summary>");
        w.Line($"/// <remarks>{ConcurrencyRemark.Substring(4)}</remarks>");
        w.Line("/// <param name=\"x\">One example: exactly <c>InputSize</c> floats.</param>");
        w.Line("/// <returns>The output for that example.</returns>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public float Predict({Names.ReadOnlySpan} x)"))
        {
            w.Line($"{Names.ShapeGuard}.Length(x.Length, InputSize, nameof(x));");
            w.Line("float result = 0;");
            w.Line("PredictOne(x, global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref result, 1));");
            w.Line("return result;");
        }
        w.Line();
    }
}
