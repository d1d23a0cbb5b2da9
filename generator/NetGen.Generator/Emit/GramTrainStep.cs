using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>Train</c>'s loop in <c>FirstLayerArithmetic.GramMatrix</c> form, for networks whose first layer is tiled. The batch
/// never changes, so W1 stays W1(0) - (learningRate / m) Dᵀ X (sample-major), D being the sum of every dZ1: layer 1's sums come from
/// the examples' Gram matrix (the runtime's <c>GramLayer</c>, m x m x units per iteration) instead of two products
/// with every input. W1 itself is written out, with the backward pass's dW1 kernel, only when anyone can look at it.
/// </summary>
internal static class GramTrainStep
{
    /// <summary>Whether <paramref name="spec"/>'s Train has the Gram-matrix loop: the same networks as the fused step.</summary>
    public static bool Applies(NetworkSpec spec) => TrainingPlan.For(spec).GramMatrix;

    /// <summary>The test in Train that picks this loop.</summary>
    public const string Choice = "global::NetGen.Kernels.GramLayer.Chooses(options, InputSize, m)";

    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        if (!Applies(spec)) return;
        EmitLoop(w, spec);
        EmitWriteOut(w, spec);
    }

    static void EmitLoop(SourceWriter w, NetworkSpec spec)
    {
        var first = spec.Layer(1);
        var last = spec.LayerCount;
        w.Line("/// <summary>");
        w.Line("/// Train's loop with layer 1 from the examples' Gram matrix (<c>FirstLayerArithmetic.GramMatrix</c>): the same gradient");
        w.Line("/// descent, with m x m x units multiply-adds for layer 1 per iteration instead of 2 x InputSize x m x units.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private global::NetGen.TrainingResult TrainWithGramMatrix({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} y, Caches caches, Gradients gradients, global::NetGen.Kernels.TrainingRecorder recorder, global::NetGen.TrainingOptions options, int m)"))
        {
            w.Line($"var layer1 = new global::NetGen.Kernels.GramLayer(x, m, InputSize, {first.Weights}, {Literals.Int(first.Outputs)});");
            w.Line("recorder.FirstLayer = global::NetGen.FirstLayerArithmetic.GramMatrix;");
            w.Line("float learningRate = options.LearningRate, inverseM = 1f / m, scale = learningRate * inverseM;");
            w.Line($"float[] a1 = caches.A1;");
            using (w.Block("while (recorder.TryStartIteration(out int iteration))"))
            {
                w.Line($"// {LayerPlan.Title(first)}: Z1 = Z1(0) + b1 - (learningRate / m) G D, then the activation.");
                w.Line($"layer1.Sums({first.Biases}, scale, new {Names.Span}(a1, 0, m * {Literals.Int(first.Outputs)}));");
                using (w.Block($"for (int i = 0; i < m * {Literals.Int(first.Outputs)}; i++)"))
                {
                    w.Line("float z = a1[i];");
                    w.Line($"a1[i] = {ActivationCode.Apply(first.Activation, "z")};");
                }
                UpperLayers.EmitForward(w, spec);
                w.Line($"{Names.ReadOnlySpan} al = new(caches.A{last}, 0, m * OutputSize);");
                using (w.Block($"if ({TrainEmitter.RecordsCost})"))
                {
                    w.Line("// A progress handler may look at the network: W1 is written out first.");
                    w.Line("if (options.Progress is not null) WriteOutW1(x, layer1, caches, gradients, m, scale);");
                    w.Line($"if (!{TrainEmitter.RecordCost}) break;");
                }
                UpperLayers.EmitBackwardAndUpdate(w, spec);
                w.Line($"// {LayerPlan.Title(first)}: db1, and dZ1 added to D in place of dW1 = dZ1ᵀ X / m.");
                w.Line($"layer1.Add(caches.DZ1, gradients.D{first.Biases}, inverseM);");
                w.Line($"{Names.VectorMath}.SubtractScaled({first.Biases}, gradients.D{first.Biases}, learningRate);");
            }
            w.Line("WriteOutW1(x, layer1, caches, gradients, m, scale);");
            w.Line("return recorder.Finish();");
        }
        w.Line();
    }

    static void EmitWriteOut(SourceWriter w, NetworkSpec spec)
    {
        var first = spec.Layer(1);
        w.Line("/// <summary>");
        w.Line("/// W1 = W1(0) - (learningRate / m) Dᵀ X: the backward pass's dW1 product, with D in place of dZ1 and learningRate / m");
        w.Line("/// in place of 1 / m. Overwrites the gradients of layer 1.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private void WriteOutW1({Names.ReadOnlySpan} x, global::NetGen.Kernels.GramLayer layer1, Caches caches, Gradients gradients, int m, float scale)"))
        {
            w.Line("BackwardLayer1(x, layer1.Coefficients(), gradients, m, scale, caches.Tiles1);");
            w.Line($"{Names.VectorMath}.Subtract(layer1.InitialWeights, gradients.D{first.Weights}, {first.Weights});");
        }
        w.Line();
    }
}
