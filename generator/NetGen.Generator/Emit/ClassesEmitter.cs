namespace NetGen.Generator.Emit;

/// <summary>For a softmax output: one-hot labels from class numbers, and the predicted class of examples.</summary>
internal static class ClassesEmitter
{
    public const string Labels = "global::NetGen.Training.ClassLabels";

    /// <summary>Outputs up to this many are predicted into a stack buffer; larger ones into a pooled array.</summary>
    const int MaxStackOutputs = 1024;

    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        if (!plan.Predict.Classes) return;
        w.Line("/// <summary>One-hot labels in the batch layout <c>y[i * OutputSize + c]</c> from class numbers 0 to OutputSize - 1.</summary>");
        w.Line("/// <param name=\"classes\">Each example's class.</param>");
        w.Line("/// <returns>A new (m, OutputSize) array with a single 1 per row.</returns>");
        w.Line(Names.GeneratedCode);
        w.Line($"public static float[] OneHot(global::System.ReadOnlySpan<int> classes) => {Labels}.OneHot(classes, OutputSize);");
        w.Line();

        w.Line("/// <summary>The class the network gives the highest probability for one example (the first on a tie).</summary>");
        w.Line("/// <param name=\"x\">One example's <c>InputSize</c> features.</param>");
        w.Line("/// <returns>The class, 0 to OutputSize - 1.</returns>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public int PredictClass({Names.ReadOnlySpan} x)"))
        {
            w.Line($"{Names.ShapeGuard}.Length(x.Length, InputSize, nameof(x));");
            if (plan.Spec.OutputSize <= MaxStackOutputs)
            {
                w.Line($"{Names.Span} output = stackalloc float[OutputSize];");
                w.Line($"{MemberNames.PredictOne}(x, output);");
                w.Line($"return {Labels}.ArgMax(output);");
            }
            else
            {
                w.Line($"float[] pooled = {Names.KernelScratch}.Rent(OutputSize);");
                w.Line($"{Names.Span} output = pooled.AsSpan(0, OutputSize);");
                w.Line($"{MemberNames.PredictOne}(x, output);");
                w.Line($"int result = {Labels}.ArgMax(output);");
                w.Line($"{Names.KernelScratch}.Return(pooled);");
                w.Line("return result;");
            }
        }
        w.Line();

        w.Line("/// <summary>The predicted class of every example of a batch.</summary>");
        w.Line("/// <param name=\"x\">Sample-major inputs: <c>x[i * InputSize + k]</c>.</param>");
        w.Line("/// <param name=\"classes\">Receives one class per example.</param>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"public void PredictClasses({Names.ReadOnlySpan} x, global::System.Span<int> classes)"))
        {
            w.Line($"int m = {Names.ShapeGuard}.Examples(x.Length, InputSize, int.MaxValue, nameof(x));");
            w.Line($"{Names.ShapeGuard}.Length(classes.Length, m, nameof(classes));");
            w.Line("for (int i = 0; i < m; i++) classes[i] = PredictClass(x.Slice(i * InputSize, InputSize));");
        }
        w.Line();
    }
}
