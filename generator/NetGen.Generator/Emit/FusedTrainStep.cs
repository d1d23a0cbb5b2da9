using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>Train</c>'s step when the first layer is tiled: its inputs are the same batch every iteration, so one pass
/// over them computes dW1, updates W1 and adds up the next forward pass's layer-1 sums, superblock by superblock on
/// every core, instead of a backward pass and a forward pass that each read the whole batch (the runtime's
/// <c>DenseLayer.TrainFirst</c>: the same kernels as Backward, UpdateParameters and Forward, on the same chunks in the
/// same order, so a trained network has the same bits as one trained with those calls). Full-batch gradient descent only.
/// </summary>
internal static class FusedTrainStep
{
    /// <summary>Whether <paramref name="spec"/>'s Train uses the fused step (<see cref="TrainingPlan.FusedStep"/> decides).</summary>
    public static bool Applies(NetworkSpec spec) => TrainingPlan.For(spec).FusedStep;

    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        if (!Applies(spec)) return;
        EmitStep(w, spec);
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
            w.Line($"{TiledKernels.Kernels(first)}.TrainFirst(x, caches.DZ1, {first.Weights}, {first.Biases}, gradients.D{first.Weights}, gradients.D{first.Biases}, caches.A1, caches.Sums1, m, inverseM, learningRate, caches.Tiles1);");
            UpperLayers.EmitForward(w, spec);
        }
        w.Line();
    }
}
