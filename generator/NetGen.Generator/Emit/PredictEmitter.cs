using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;

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
        if (spec.Layers.Any(l => LayerPlan.For(l) == LayerStrategy.Tiled)) EmitTiled(w, spec);
        else EmitLanes(w, spec);
        if (spec.OutputSize == 1) EmitSingleOutput(w);
    }

    /// <summary>
    /// A network with a tiled layer: blocks of <see cref="TiledBlock"/> examples one after the other on the calling
    /// thread, the tiled layers spreading their own work over the cores.
    /// </summary>
    static void EmitTiled(SourceWriter w, NetworkSpec spec)
    {
        var hidden = spec.Layers.Take(spec.LayerCount - 1).ToList();
        var onStack = hidden.Sum(l => (long)l.Outputs) * Padded(TiledBlock) <= MaxStackFloats;

        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void Predict({Names.ReadOnlySpan} x, {Names.Span} output)"))
        {
            EmitChecks(w);
            var pooled = DeclareActivations(w, hidden, Padded(TiledBlock), onStack);
            w.Line($"// Blocks of {TiledBlock} examples: each weight of a tiled layer is read once per block.");
            using (w.Block($"for (int i = 0; i < m; i += {TiledBlock})"))
            {
                w.Line($"int n = global::System.Math.Min({TiledBlock}, m - i);");
                EmitLayerCalls(w, spec);
            }
            if (pooled is not null) w.Line($"{Names.KernelScratch}.Return({pooled});");
        }
        w.Line();
    }

    /// <summary>
    /// A network whose layers all run in lanes: blocks of <see cref="Block"/> examples, each through every layer with
    /// its activations in a buffer of its own (<c>PredictBlock</c>), so a batch worth more than one core spreads its
    /// blocks over the cores (<c>PredictBlocks</c>, one work item per block); a block gives the same bits on any thread.
    /// </summary>
    static void EmitLanes(SourceWriter w, NetworkSpec spec)
    {
        var hidden = spec.Layers.Take(spec.LayerCount - 1).ToList();
        var hiddenFloats = hidden.Sum(l => (long)l.Outputs) * Padded(Block);

        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void Predict({Names.ReadOnlySpan} x, {Names.Span} output)"))
        {
            EmitChecks(w);
            w.Line($"int blocks = (m + {Block - 1}) / {Block};");
            w.Line($"// Blocks of {Block} examples; a batch worth waking another core for runs its blocks on every core.");
            using (w.Block($"if (blocks > 1 && (long)m * {Literals.Int(spec.MultiplyAddsPerExample)} >= {Names.WorkSplitter}.MinParallelMultiplyAdds)"))
            {
                w.Line($"{Names.WorkSplitter}.Run<{MemberNames.PredictBlocks}>(blocks, true, {Literals.Int(hiddenFloats)}, m, 0f, x, output, state: this);");
                w.Line("return;");
            }
            var onStack = hiddenFloats <= MaxStackFloats;
            if (hiddenFloats == 0) w.Line($"{Names.Span} hidden = default;");
            else if (onStack) w.Line($"{Names.Span} hidden = stackalloc float[{Literals.Int(hiddenFloats)}];");
            else w.Line($"float[] rented = {Names.KernelScratch}.Rent({Literals.Int(hiddenFloats)});");
            var buffer = hiddenFloats == 0 || onStack ? "hidden" : "rented";
            w.Line($"for (int i = 0; i < m; i += {Block}) {MemberNames.PredictBlock}(x, output, i, global::System.Math.Min({Block}, m - i), {buffer});");
            if (buffer == "rented") w.Line($"{Names.KernelScratch}.Return(rented);");
        }
        w.Line();

        w.Line($"/// <summary>Examples i to i + n (at most {Block}) of a batch through every layer, their hidden activations in <paramref name=\"hidden\"/>.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private void {MemberNames.PredictBlock}({Names.ReadOnlySpan} x, {Names.Span} output, int i, int n, {Names.Span} hidden)"))
        {
            var offset = 0L;
            foreach (var layer in hidden)
            {
                w.Line($"{Names.Span} a{layer.Index} = hidden.Slice({Literals.Int(offset)}, {Literals.Int((long)Padded(Block) * layer.Outputs)});");
                offset += (long)Padded(Block) * layer.Outputs;
            }
            EmitLayerCalls(w, spec);
        }
        w.Line();

        w.Line($"/// <summary>The batch Predict's work items, a block of {Block} examples each: buffers x and output, state the network, the hidden activations in the thread's scratch.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private readonly struct {MemberNames.PredictBlocks} : {Names.WorkKernel}"))
        {
            using (w.Block($"public static void Run(int item, in {Names.KernelArgs} args, {Names.Span} scratch)"))
            {
                w.Line($"int m = args.Examples, i = item * {Block};");
                w.Line($"var x = {Names.MemoryMarshal}.CreateReadOnlySpan(ref args.Buffer(0), m * InputSize);");
                w.Line($"var output = {Names.MemoryMarshal}.CreateSpan(ref args.Buffer(1), m * OutputSize);");
                w.Line($"(({Identifiers.Escape(spec.Name)})args.State!).{MemberNames.PredictBlock}(x, output, i, global::System.Math.Min({Block}, m - i), scratch);");
            }
        }
        w.Line();
    }

    /// <summary>The batch's shape checks and one example's own path, at the top of Predict.</summary>
    static void EmitChecks(SourceWriter w)
    {
        w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, int.MaxValue, nameof(x));");
        w.Line($"{Names.ShapeGuard}.Length(output.Length, m * OutputSize, nameof(output));");
        using (w.Block("if (m == 1)"))
        {
            w.Line($"{MemberNames.PredictOne}(x, output);");
            w.Line("return;");
        }
    }

    /// <summary>Every layer's forward call for examples i to i + n: the first reads the inputs, the last writes the outputs, the others a{k}.</summary>
    static void EmitLayerCalls(SourceWriter w, NetworkSpec spec)
    {
        foreach (var layer in spec.Layers)
        {
            var input = layer.IsFirst ? "x.Slice(i * InputSize, n * InputSize)" : $"a{layer.Index - 1}";
            var target = layer.Index == spec.LayerCount ? "output.Slice(i * OutputSize, n * OutputSize)" : $"a{layer.Index}";
            w.Line($"ForwardLayer{layer.Index}({input}, {target}, n);");
        }
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
            w.Line($"{MemberNames.PredictOne}(x, {Names.MemoryMarshal}.CreateSpan(ref result, 1));");
            w.Line("return result;");
        }
        w.Line();
    }
}
