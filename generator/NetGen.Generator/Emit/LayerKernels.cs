using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Each layer's forward and backward methods, written by the strategy <see cref="LayerPlan"/> picks for it.</summary>
internal static class LayerKernels
{
    public static void Emit(SourceWriter w, NetworkSpec spec, LayerSpec layer)
    {
        w.Line($"// {LayerPlan.Title(layer)}");
        w.Line($"// {LayerPlan.Reason(layer)}");
        w.Line();
        if (LayerPlan.For(layer) == LayerStrategy.Lanes) LaneKernels.Emit(w, spec, layer);
        else TiledKernels.Emit(w, layer);
    }

    /// <summary>The struct holding <paramref name="layer"/>'s sizes, which the runtime's <paramref name="kind"/> kernels are generic over.</summary>
    public static void EmitShape(SourceWriter w, LayerSpec layer, string kind)
    {
        w.Line($"/// <summary>Layer {layer.Index}'s sizes, constants in the runtime's {kind} kernels: the JIT compiles them once for this shape.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private readonly struct {TiledKernels.Shape(layer)} : global::NetGen.Kernels.Dense.IDenseShape"))
        {
            w.Line($"public static int Inputs => {Literals.Int(layer.Inputs)};");
            w.Line($"public static int Outputs => {Literals.Int(layer.Outputs)};");
        }
        w.Line();
    }

    /// <summary>
    /// The shape struct and one-line forward and backward entry points of a layer whose kernels live in the runtime
    /// (<paramref name="kernels"/>): <paramref name="forwardTail"/> and <paramref name="backwardTail"/> are the arguments
    /// the strategy's kernels take after the ones all share; <paramref name="extraParameter"/> a parameter both entry points
    /// take last ("" for none).
    /// </summary>
    public static void EmitCalls(SourceWriter w, LayerSpec layer, string kind, string kernels, string forwardTail, string backwardTail, string extraParameter = "")
    {
        EmitShape(w, layer, kind);

        ForwardDoc(w, layer);
        using (w.Block(ForwardSignature(layer, extraParameter)))
        {
            w.Line($"{kernels}.Forward(input, {layer.Weights}, {layer.Biases}, output, m{forwardTail});");
            if (ActivationCode.RowsLine(layer, "output", "m") is { } softmax) w.Line(softmax);
        }
        w.Line();

        BackwardDoc(w, layer);
        using (w.Block(BackwardSignature(layer, extraParameter)))
        {
            var gradients = $"gradients.D{layer.Weights}, gradients.D{layer.Biases}";
            w.Line(layer.IsFirst
                ? $"{kernels}.Backward(input, dz, {gradients}, m, inverseM{backwardTail});"
                : $"{kernels}.Backward<{TiledKernels.ActivationType(layer.InputActivation)}>(input, dz, {layer.Weights}, {gradients}, dzPrevious, m, inverseM{backwardTail});");
        }
        w.Line();
    }

    /// <summary>Layer l's forward pass reads its own W and B: callers give only where A comes from and goes.</summary>
    public static string ForwardSignature(LayerSpec layer, string extraParameter = "") =>
        $"private void ForwardLayer{layer.Index}({Names.ReadOnlySpan} input, {Names.Span} output, int m{extraParameter})";

    /// <summary>
    /// Layer l's backward pass reads its W and writes its dW and dB in <c>gradients</c>; tiled layers also take the
    /// <c>ActiveExampleTiles</c> their weight tiles skip inactive examples with.
    /// </summary>
    public static string BackwardSignature(LayerSpec layer, string extraParameter = "") =>
        $"private void BackwardLayer{layer.Index}({Names.ReadOnlySpan} input, {Names.ReadOnlySpan} dz, Gradients gradients"
        + (layer.IsFirst ? "" : $", {Names.Span} dzPrevious") + ", int m, float inverseM"
        + (LayerPlan.For(layer) == LayerStrategy.Tiled ? $", {ActiveTiles} tiles" : "") + extraParameter + ")";

    public const string ActiveTiles = "global::NetGen.Kernels.ActiveExampleTiles";

    public static void ForwardDoc(SourceWriter w, LayerSpec layer)
    {
        var previous = layer.IsFirst ? "X" : $"A{layer.Index - 1}";
        w.Line($"/// <summary>A{layer.Index}[i, j] = {ActivationCode.Name(layer.Activation)}(B{layer.Index}[j] + sum_k W{layer.Index}[j, k] {previous}[i, k]) for the first m examples.</summary>");
        w.Line(Names.GeneratedCode);
        // Optimised from the first call: a training loop's first iterations should not wait for this call to tier up
        // (measured: without it the moons run, 0.1 s of CPU, took some 10% more).
        w.Line(Names.Kernel);
    }

    public static void BackwardDoc(SourceWriter w, LayerSpec layer)
    {
        var previous = layer.IsFirst ? "X" : $"A{layer.Index - 1}";
        var dzPrevious = layer.IsFirst ? " (no dA0: nothing needs it)" : $"; dZ{layer.Index - 1} = (dZ{layer.Index} W{layer.Index}) * g'(A{layer.Index - 1})";
        w.Line($"/// <summary>dW{layer.Index} = dZ{layer.Index}^T {previous} / m, db{layer.Index} = sum_i dZ{layer.Index}[i] / m{dzPrevious}.</summary>");
        w.Line(Names.GeneratedCode);
        // Optimised from the first call: a training loop's first iterations should not wait for this call to tier up
        // (measured: without it the moons run, 0.1 s of CPU, took some 10% more).
        w.Line(Names.Kernel);
    }
}
