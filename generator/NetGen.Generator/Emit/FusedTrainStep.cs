using NetGen.Generator.Model;
using static NetGen.Generator.Emit.KernelCode;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>Train</c>'s step when the first layer is tiled: its inputs are the same batch every iteration, so one pass
/// over them computes dW1, updates W1 and adds up the next forward pass's layer-1 sums, superblock by superblock on
/// every core, instead of a backward pass and a forward pass that each read the whole batch. Every kernel it runs is
/// the one Backward, UpdateParameters and Forward run, on the same chunks in the same order, so a trained network
/// has the same bits as one trained with those calls.
/// </summary>
internal static class FusedTrainStep
{
    /// <summary>Whether <paramref name="spec"/>'s Train uses the fused step (<see cref="TrainingPlan.FusedStep"/> decides).</summary>
    public static bool Applies(NetworkSpec spec) => TrainingPlan.For(spec).FusedStep;

    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        if (!Applies(spec)) return;
        var plan = new TilePlan(spec.Layer(1));
        EmitStep(w, spec);
        EmitLayer(w, plan);
        EmitWork(w, plan);
        EmitSuperblock(w, plan);
    }

    static void EmitStep(SourceWriter w, NetworkSpec spec)
    {
        var first = spec.Layer(1);
        w.Line("/// <summary>");
        w.Line("/// One training step after a forward pass over the same batch: backward, update, and the next forward pass, with");
        w.Line("/// layer 1's three in one pass over <paramref name=\"x\"/>. Leaves the next iteration's activations in the caches.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private void TrainStep({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, Caches caches, Gradients gradients, int m, float learningRate)"))
        {
            w.Line("float inverseM = 1f / m;");
            UpperLayers.EmitBackwardAndUpdate(w, spec);
            w.Line($"// {LayerPlan.Title(first)}: backward, update and the next forward pass in one.");
            w.Line($"TrainLayer1(x, caches.DZ1, {first.Weights}, {first.Biases}, gradients.D{first.Weights}, gradients.D{first.Biases}, caches.A1, caches.Sums1, m, inverseM, learningRate, caches.Tiles1);");
            UpperLayers.EmitForward(w, spec);
        }
        w.Line();
    }

    static void EmitLayer(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        w.Line($"/// <summary>");
        w.Line($"/// Layer 1's backward pass, update and next forward pass: the same bits as BackwardLayer1, UpdateParameters and");
        w.Line($"/// ForwardLayer1 one after the other. <paramref name=\"sums\"/> holds each superblock's sums for the forward pass.");
        w.Line($"/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void TrainLayer1({Names.ReadOnlySpan} input, {Names.ReadOnlySpan} dz, {Names.Span} weights, {Names.Span} biases, {Names.Span} dWeights, {Names.Span} dBiases, {Names.Span} output, {Names.Span} sums, int m, float inverseM, float learningRate, {LayerKernels.ActiveTiles} tiles)"))
        {
            using (w.Block($"if (!{Names.Vector}.IsHardwareAccelerated)"))
            {
                w.Line("BackwardLayer1Scalar(input, dz, weights, dWeights, dBiases, m, inverseM);");
                w.Line($"{Names.VectorMath}.SubtractScaled(weights, dWeights, learningRate);");
                w.Line($"{Names.VectorMath}.SubtractScaled(biases, dBiases, learningRate);");
                w.Line("ForwardLayer1Scalar(input, weights, biases, output, m);");
                w.Line("return;");
            }
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            w.Line($"int vectorInputs = In - In % {Count}, superblocks = ForwardLayer1Superblocks();");
            w.Line("tiles.Build(dz, m);");
            w.Line("// One work item per superblock: its chunks' dW1, their update, and their share of the next forward pass's sums.");
            w.Line($"int scratch = {plan.BackwardScratch} + Out * {TilePlan.ColumnsPerItem} + m * Out * {Count};");
            w.Line($"{Splitter}.Run<TrainLayer1Work>(superblocks, m >= {plan.MinParallelExamples}, scratch, m, inverseM, input, weights, dWeights, sums, {Names.MemoryMarshal}.CreateReadOnlySpan(ref learningRate, 1), state: tiles);");
            w.Line("// db1 and dW1 of the inputs past the last whole vector, as BackwardLayer1 computes them; then their updates.");
            w.Line("BackwardLayer1Rest(input, dz, dWeights, dBiases, m, inverseM);");
            using (w.Block("for (int j = 0; j < Out; j++)"))
            {
                w.Line("for (int k = vectorInputs; k < In; k++) weights[j * In + k] -= learningRate * dWeights[j * In + k];");
            }
            w.Line($"{Names.VectorMath}.SubtractScaled(biases, dBiases, learningRate);");
            w.Line("// The superblocks' sums added in order, as ForwardLayer1Rows adds them; then the last inputs, bias and activation.");
            using (w.Block("for (int i = 0; i < m * Out; i++)"))
            {
                w.Line("float z = 0f;");
                w.Line("for (int s = 0; s < superblocks; s++) z = s == 0 ? sums[i] : z + sums[s * m * Out + i];");
                w.Line("output[i] = z;");
            }
            w.Line($"ForwardLayer1Finish(ref {Names.MemoryMarshal}.GetReference(input), ref {Names.MemoryMarshal}.GetReference(weights), ref {Names.MemoryMarshal}.GetReference(biases), ref {Names.MemoryMarshal}.GetReference(output), 0, m, 0, Out, superblocks > 0);");
        }
        w.Line();
    }

    static void EmitWork(SourceWriter w, TilePlan plan)
    {
        w.Line("/// <summary>One superblock of <see cref=\"TrainLayer1\"/>.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private readonly struct TrainLayer1Work : {WorkKernel}"))
        {
            w.Line("/// <summary>Runs item <paramref name=\"item\"/>; buffers: input, W1, dW1, superblock sums, the learning rate; state: the active example tiles.</summary>");
            w.Line($"public static void Run(int item, in {Args} args, {Names.Span} scratch) =>");
            w.Line($"    TrainLayer1Superblock(item, ref args.Buffer(0), ref args.Buffer(1), ref args.Buffer(2), ref args.Buffer(3), args.Buffer(4), ({LayerKernels.ActiveTiles})args.State!, args.Examples, args.Scale, scratch);");
        }
        w.Line();
    }

    static void EmitSuperblock(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        const int chunk = TilePlan.ColumnsPerItem;
        w.Line("/// <summary>");
        w.Line($"/// Superblock <paramref name=\"s\"/> of layer 1, chunk by chunk of {chunk} inputs: dW1 (BackwardLayer1Columns), W1 -= learningRate dW1,");
        w.Line("/// then the updated chunk times every example's inputs (ForwardLayer1Block, reading the inputs the dW1 pass just brought into cache).");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void TrainLayer1Superblock(int s, ref float input, ref float weights, ref float dWeights, ref float sums, float learningRate, {LayerKernels.ActiveTiles} tiles, int m, float inverseM, {Names.Span} scratch)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)}, Chunk = {chunk};");
            w.Line($"{Names.Span} partial = scratch.Slice(0, m * Out * {Count});");
            w.Line($"{Names.Span} packed = scratch.Slice(partial.Length, Out * Chunk);");
            w.Line($"{Names.Span} columns = scratch.Slice(partial.Length + packed.Length);");
            w.Line("partial.Clear();");
            w.Line("var (start, end) = ForwardLayer1SuperblockInputs(s);");
            using (w.Block("for (int k = start; k < end; k += Chunk)"))
            {
                w.Line($"int width = {Math}.Min(Chunk, end - k);");
                w.Line("BackwardLayer1Columns(ref input, ref dWeights, tiles, k, m, inverseM, columns);");
                using (w.Block("for (int j = 0; j < Out; j++)"))
                {
                    w.Line($"{Names.Span} wj = {Names.MemoryMarshal}.CreateSpan({RefAt("weights", "j * In + k")}, width);");
                    w.Line($"{Names.VectorMath}.SubtractScaled(wj, {Names.MemoryMarshal}.CreateReadOnlySpan({RefAt("dWeights", "j * In + k")}, width), learningRate);");
                    w.Line("wj.CopyTo(packed.Slice(j * Chunk, width));");
                }
                w.Line($"ForwardLayer1Block({RefAt("input", "k")}, ref {Names.MemoryMarshal}.GetReference(packed), Chunk, ref {Names.MemoryMarshal}.GetReference(partial), m, 0, Out, width);");
            }
            w.Line($"ref float superblock = {RefAt("sums", "s * m * Out")};");
            w.Line($"for (int i = 0; i < m * Out; i++) {At("superblock", "i")} = {Names.Vector}.Sum({Load($"{Names.MemoryMarshal}.GetReference(partial)", $"i * {Count}")});");
        }
        w.Line();
    }
}
