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

        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block("public void InitializeParameters(int seed, global::NetGen.WeightInit init = global::NetGen.WeightInit.Small)"))
        {
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(seed);");
            w.Line($"using var writer = {ParameterGuard.Enter("InitializeParameters")};");
            // The slots list W1, b1, W2, ... in layer order, each with its shape: numpy's draws in the course's order.
            w.Line($"global::NetGen.Kernels.WeightInitializer.Initialize(seed, init, {Slots}());");
        }
        w.Line();

        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        w.Line($"public void SaveParameters(string path) => global::NetGen.IO.ParameterFiles.Save(path, {Slots}());");
        w.Line();
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        using (w.Block("public void LoadParameters(string path)"))
        {
            w.Line($"using var writer = {ParameterGuard.Enter("LoadParameters")};");
            w.Line($"global::NetGen.IO.ParameterFiles.Load(path, {Slots}());");
        }
        w.Line();
        string activations = $"global::NetGen.Activation.{spec.Hidden}, global::NetGen.Activation.{spec.Output}";
        w.Line(Names.InheritDoc);
        w.Line(Names.GeneratedCode);
        w.Line($"public void SaveOnnx(string path) => global::NetGen.Onnx.OnnxModel.Save(path, {Slots}(), {activations});");
        w.Line();
        w.Line(Names.InheritDoc);
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
