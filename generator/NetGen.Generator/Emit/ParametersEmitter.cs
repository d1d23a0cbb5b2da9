using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>W1..WL and B1..BL in numpy's layout, their initialisation, .npz save / load, and ONNX export / import.</summary>
internal static class ParametersEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var spec = plan.Spec;
        ParameterGuard.EmitField(w);
        foreach (var (layer, names) in Layers(plan))
        {
            w.Line($"/// <summary>The ({layer.Outputs}, {layer.Inputs}) weights of layer {layer.Index}, row-major: <c>{names.Weights}[j * {layer.Inputs} + k]</c> connects input k to unit j.</summary>");
            w.Line(Names.GeneratedCode);
            w.Line($"public float[] {names.Weights} {{ get; }} = new float[{Literals.Int(layer.MultiplyAdds)}];");
            w.Line();
            w.Line($"/// <summary>The ({layer.Outputs}, 1) biases of layer {layer.Index}.</summary>");
            w.Line(Names.GeneratedCode);
            w.Line($"public float[] {names.Biases} {{ get; }} = new float[{Literals.Int(layer.Outputs)}];");
            w.Line();
        }

        w.Line("/// <summary>");
        w.Line("/// The course's <c>initialize_parameters_deep</c>: <c>np.random.seed(seed)</c>, then for each layer in order");
        w.Line("/// <c>W_l = np.random.randn(n_l, n_{l-1})</c> scaled as <paramref name=\"init\"/> says, bit for bit as numpy draws them; biases zero.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">numpy's seed, 0 or more.</param>");
        w.Line("/// <param name=\"init\">How the normal draws are scaled: 0.01 (the course's default), 1 / sqrt(fan-in), or He.</param>");
        w.Line(ParameterGuard.Remarks);
        w.Line(Names.GeneratedCode);
        using (w.Block("public void InitializeParameters(int seed, global::NetGen.WeightInit init = global::NetGen.WeightInit.Small)"))
        {
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(seed);");
            w.Line($"using var writer = {ParameterGuard.Enter("InitializeParameters")};");
            w.Line("var random = new global::NetGen.Numerics.NumpyRandom((uint)seed);");
            foreach (var (layer, names) in Layers(plan))
            {
                w.Line($"global::NetGen.Kernels.WeightInitializer.Fill(random, {names.Weights}, fanIn: {layer.Inputs}, init);");
                w.Line($"global::System.Array.Clear({names.Biases});");
            }
        }
        w.Line();

        w.Line("/// <summary>Writes the parameters to a .npz file that <c>np.load</c> reads with the course's keys and shapes (W1: (n1, n0), b1: (n1, 1), ...). The file is replaced whole or not at all.</summary>");
        w.Line("/// <param name=\"path\">The .npz file to create or replace.</param>");
        w.Line(Names.GeneratedCode);
        w.Line($"public void SaveParameters(string path) => global::NetGen.IO.ParameterFiles.Save(path, {Slots}());");
        w.Line();
        w.Line("/// <summary>Reads parameters saved by <see cref=\"SaveParameters\"/> or by <c>np.savez(path, **parameters)</c>; throws <see cref=\"global::System.IO.InvalidDataException\"/> for a missing key or wrong shape and then changes nothing.</summary>");
        w.Line("/// <param name=\"path\">A .npz file with float32 or float64 arrays W1, b1, ... of this network's shapes.</param>");
        w.Line(ParameterGuard.Remarks);
        w.Line(Names.GeneratedCode);
        using (w.Block("public void LoadParameters(string path)"))
        {
            w.Line($"using var writer = {ParameterGuard.Enter("LoadParameters")};");
            w.Line($"global::NetGen.IO.ParameterFiles.Load(path, {Slots}());");
        }
        w.Line();
        string activations = $"global::NetGen.Activation.{spec.Hidden}, global::NetGen.Activation.{spec.Output}";
        w.Line("/// <summary>Writes the network as an ONNX model (opset 13) that ONNX Runtime runs as <c>Predict</c> does: input <c>input</c> and output <c>output</c>, float32 rows of examples, any number of them. The file is replaced whole or not at all.</summary>");
        w.Line("/// <param name=\"path\">The .onnx file to create or replace.</param>");
        w.Line(Names.GeneratedCode);
        w.Line($"public void SaveOnnx(string path) => global::NetGen.Onnx.OnnxModel.Save(path, {Slots}(), {activations});");
        w.Line();
        w.Line("/// <summary>Reads the weights of an ONNX model written by <see cref=\"SaveOnnx\"/> or by <c>torch.onnx.export</c> of an <c>nn.Sequential</c> of <c>Linear</c> layers and this network's activations; throws <see cref=\"global::System.IO.InvalidDataException\"/> naming the node or initializer that does not fit and then changes nothing.</summary>");
        w.Line("/// <param name=\"path\">An .onnx file computing this network's layers and activations.</param>");
        w.Line(Names.GeneratedCode);
        w.Line($"public void LoadOnnx(string path) => global::NetGen.Onnx.OnnxModel.Load(path, {Slots}(), {activations});");
        w.Line();
        w.Line(Names.GeneratedCode);
        using (w.Block($"private global::NetGen.IO.ParameterSlot[] {Slots}() => new global::NetGen.IO.ParameterSlot[]", "};"))
        {
            foreach (var (layer, names) in Layers(plan))
            {
                w.Line($"new(\"{names.WeightsKey}\", {names.Weights}, {layer.Outputs}, {layer.Inputs}),");
                w.Line($"new(\"{names.BiasesKey}\", {names.Biases}, {layer.Outputs}, 1),");
            }
        }
        w.Line();
    }

    const string Slots = MemberNames.ParameterSlots;

    /// <summary>Each layer's sizes with its members' names.</summary>
    static IEnumerable<(LayerSpec Layer, LayerMembers Members)> Layers(NetworkPlan plan) => plan.Layers.Select(l => (l.Spec, l.Members));
}
