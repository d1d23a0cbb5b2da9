using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.KernelCode;

namespace NetGen.Generator.Emit;

/// <summary>
/// A tiled layer's backward pass. dW is split over the cores by ranges of inputs (columns of dW), dZ of the layer
/// below by blocks of examples: every output is written by one work item, with the same summation order whatever
/// the number of threads. No reduction is ever split between threads.
/// </summary>
internal static class TiledBackward
{
    /// <summary>Examples per work item of the dZ of the layer below.</summary>
    const int InputRowsPerItem = 16;

    /// <summary>Input vectors per register tile of the dZ of the layer below.</summary>
    const int InputVectors = 4;

    public static void Emit(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        EmitEntry(w, plan);
        EmitRest(w, layer);
        EmitWeightsWork(w, layer);
        EmitColumns(w, plan);
        foreach (var (vectors, units) in WeightTiles(layer)) EmitWeightTile(w, layer, vectors, units);
        if (!layer.IsFirst)
        {
            EmitInputsWork(w, layer);
            EmitInputs(w, layer);
        }
        EmitScalar(w, layer);
    }

    static (int Vectors, int Units)[] WeightTiles(LayerSpec layer)
    {
        var units = new[] { layer.Outputs >= TilePlan.Units ? TilePlan.Units : 0, layer.Outputs % TilePlan.Units != 0 ? 1 : 0 }.Where(u => u > 0).ToArray();
        return (from vectors in new[] { TilePlan.PanelVectors, 1 } from u in units select (vectors, u)).ToArray();
    }

    static string Name(LayerSpec layer, string part) => $"BackwardLayer{layer.Index}{part}";

    static string Call(LayerSpec layer, bool withPrevious) =>
        $"(input, dz, weights, dWeights, dBiases{(withPrevious ? ", dzPrevious" : "")}, m, inverseM);";

    static void EmitEntry(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        LayerKernels.BackwardDoc(w, layer);
        using (w.Block(LayerKernels.BackwardSignature(layer)))
        {
            using (w.Block($"if (!{Names.Vector}.IsHardwareAccelerated)"))
            {
                w.Line($"{Name(layer, "Scalar")}{Call(layer, !layer.IsFirst)}");
                w.Line("return;");
            }
            w.Line($"const int In = {Literals.Int(layer.Inputs)};");
            w.Line($"int vectorInputs = In - In % {Count};");
            w.Line($"bool parallel = m >= {plan.MinParallelExamples};");
            w.Line($"// dW{layer.Index} up to the last whole vector of inputs: work items of {TilePlan.ColumnsPerItem} inputs for every unit. Each tile of");
            w.Line($"// units skips the examples whose dZ{layer.Index} is 0 for all of them (behind a ReLU, many): they add nothing.");
            w.Line("tiles.Build(dz, m);");
            w.Line($"int items = (vectorInputs + {TilePlan.ColumnsPerItem - 1}) / {TilePlan.ColumnsPerItem};");
            w.Line($"{Splitter}.Run<{Name(layer, "WeightsWork")}>(items, parallel, {plan.BackwardScratch}, m, inverseM, input, dWeights, state: tiles);");
            w.Line($"{Name(layer, "Rest")}(input, dz, dWeights, dBiases, m, inverseM);");
            if (!layer.IsFirst)
            {
                w.Line($"// dZ{layer.Index - 1} = (dZ{layer.Index} W{layer.Index}) * g'(A{layer.Index - 1}): work items of {InputRowsPerItem} examples.");
                w.Line($"{Splitter}.Run<{Name(layer, "InputsWork")}>((m + {InputRowsPerItem - 1}) / {InputRowsPerItem}, parallel, 0, m, 0f, input, dz, weights, dzPrevious);");
            }
        }
        w.Line();
    }

    static void EmitRest(SourceWriter w, LayerSpec layer)
    {
        w.Line($"/// <summary>db{layer.Index}, and dW{layer.Index} of the inputs past the last whole vector, summed over the examples in order.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {Name(layer, "Rest")}({Names.ReadOnlySpan} input, {Names.ReadOnlySpan} dz, {Names.Span} dWeights, {Names.Span} dBiases, int m, float inverseM)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            w.Line($"int vectorInputs = In - In % {Count};");
            w.Line($"ref float d = {Ref("dz")};");
            w.Line($"ref float a = {Ref("input")};");
            w.Line($"ref float g = {Ref("dWeights")};");
            w.Line($"{Names.Span} db = dBiases[..Out];");
            using (w.Block("for (int j = 0; j < Out; j++)"))
            {
                w.Line("float sum = 0;");
                w.Line($"for (int i = 0; i < m; i++) sum += {At("d", "i * Out + j")};");
                w.Line("db[j] = sum * inverseM;");
                using (w.Block("for (int k = vectorInputs; k < In; k++)"))
                {
                    w.Line("float column = 0;");
                    w.Line($"for (int i = 0; i < m; i++) column += {At("d", "i * Out + j")} * {At("a", "i * In + k")};");
                    w.Line($"{At("g", "j * In + k")} = column * inverseM;");
                }
            }
        }
        w.Line();
    }

    static void EmitWeightsWork(SourceWriter w, LayerSpec layer)
    {
        w.Line($"/// <summary>One work item of dW{layer.Index}: {TilePlan.ColumnsPerItem} of its columns (inputs), every unit.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private readonly struct {Name(layer, "WeightsWork")} : {WorkKernel}"))
        {
            w.Line("/// <summary>Runs item <paramref name=\"item\"/>; buffers: input, dW; state: the active example tiles.</summary>");
            w.Line($"public static void Run(int item, in {Args} args, {Names.Span} scratch) =>");
            w.Line($"    {Name(layer, "Columns")}(ref args.Buffer(0), ref args.Buffer(1), ({LayerKernels.ActiveTiles})args.State!, item * {TilePlan.ColumnsPerItem}, args.Examples, args.Scale, scratch);");
        }
        w.Line();
    }

    static void EmitColumns(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        w.Line("/// <summary>");
        w.Line($"/// dW{layer.Index}[:, k0..k0 + {TilePlan.ColumnsPerItem}] = dZ^T A / m: up to {TilePlan.PackedExamples} examples at a time are packed into panels of {TilePlan.PanelVectors} vectors");
        w.Line("/// (each example's slice of a panel contiguous, so the tiles read it from L1 in order), then register tiles sum over them.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {Name(layer, "Columns")}(ref float input, ref float dWeights, {LayerKernels.ActiveTiles} tiles, int k0, int m, float inverseM, {Names.Span} scratch)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Examples = {TilePlan.PackedExamples}, Panel = {TilePlan.PanelVectors};");
            w.Line(Lanes);
            w.Line($"int width = {Math}.Min({TilePlan.ColumnsPerItem}, In - In % {Count} - k0);");
            w.Line($"ref float packed = {Ref("scratch")};");
            w.Line("// Where each tile's active examples of a block start in its lists, and how many: after the panels in the scratch.");
            w.Line($"global::System.Span<int> starts = {Names.MemoryMarshal}.Cast<float, int>(scratch.Slice(Examples * {TilePlan.ColumnsPerItem}, {Literals.Int(2L * plan.BackwardTiles)}));");
            w.Line($"global::System.Span<int> counts = starts[{Literals.Int(plan.BackwardTiles)}..];");
            using (w.Block("for (int e0 = 0; e0 < m; e0 += Examples)"))
            {
                w.Line($"int examples = {Math}.Min(Examples, m - e0);");
                w.Line("// A later block of examples adds to the sums so far; the last one scales them by 1 / m.");
                w.Line("bool accumulate = e0 > 0;");
                w.Line("float scale = e0 + examples == m ? inverseM : 1f;");
                using (w.Block("for (int e = 0; e < examples; e++)"))
                {
                    w.Line($"ref float row = {RefAt("input", "(e0 + e) * In + k0")};");
                    w.Line("int column = 0;");
                    using (w.Block($"for (; column + Panel * {Count} <= width; column += Panel * {Count})"))
                    {
                        w.Line($"ref float slice = {RefAt("packed", $"column * Examples + e * Panel * {Count}")};");
                        w.Line($"ref float source = {RefAt("row", "column")};");
                        for (var v = 0; v < TilePlan.PanelVectors; v++)
                            w.Line(StoreAt(LoadAt("source", Vectors(v)), "slice", Vectors(v)));
                    }
                    w.Line($"for (; column < width; column += {Count}) {Store(Load("row", "column"), At("packed", $"column * Examples + e * {Count}"), "0")}");
                }
                w.Line("// Where each tile's active examples of this block start in its lists, and how many there are.");
                w.Line($"for (int t = 0; t < {Literals.Int(plan.BackwardTiles)}; t++) (starts[t], counts[t]) = tiles.Range(t, e0, e0 + examples);");
                w.Line("int k = 0;");
                EmitPanelLoop(w, layer, TilePlan.PanelVectors, $"for (; k + Panel * {Count} <= width; k += Panel * {Count})");
                EmitPanelLoop(w, layer, 1, $"for (; k < width; k += {Count})");
            }
        }
        w.Line();
    }

    static void EmitPanelLoop(SourceWriter w, LayerSpec layer, int vectors, string loop)
    {
        var full = layer.Outputs / TilePlan.Units;
        using (w.Block(loop))
        {
            w.Line($"ref float panel = {RefAt("packed", "k * Examples")};");
            if (full > 0) EmitTileLoop(w, layer, vectors, TilePlan.Units, "0", full.ToString());
            if (layer.Outputs % TilePlan.Units != 0) EmitTileLoop(w, layer, vectors, 1, full.ToString(), "tiles.TileCount");
        }
    }

    static void EmitTileLoop(SourceWriter w, LayerSpec layer, int vectors, int units, string from, string to)
    {
        using (w.Block($"for (int t = {from}; t < {to}; t++)"))
        {
            w.Line($"{IntSpan} units = tiles.Units(t);");
            var rows = string.Join(", ", Enumerable.Range(0, units).Select(u => RefAt("dWeights", $"units[{u}] * In + k0 + k")));
            w.Line($"{TileName(layer, vectors, units)}(ref panel, {RefAt($"{Names.MemoryMarshal}.GetReference(tiles.Values(t))", $"starts[t] * {units}")}, {RefAt($"{Names.MemoryMarshal}.GetReference(tiles.Examples(t))", "starts[t]")}, counts[t], e0, {rows}, accumulate, scale);");
        }
    }

    static string TileName(LayerSpec layer, int vectors, int units) => $"BackwardLayer{layer.Index}WeightTile{vectors}x{units}";

    static void EmitWeightTile(SourceWriter w, LayerSpec layer, int vectors, int units)
    {
        var pairs = (from u in Enumerable.Range(0, units) from v in Enumerable.Range(0, vectors) select (u, v)).ToList();
        var accumulators = string.Join(", ", pairs.Select(p => $"s{p.u}{p.v}"));
        var rows = string.Join(", ", Enumerable.Range(0, units).Select(u => $"ref float g{u}"));
        w.Line($"/// <summary>");
        w.Line($"/// dW{layer.Index} for {units} unit{(units == 1 ? "" : "s")} x {vectors} input vector{(vectors == 1 ? "" : "s")}: {pairs.Count} accumulators summed over the tile's active examples of a");
        w.Line("/// panel (<paramref name=\"examples\"/>, with their dZ side by side in <paramref name=\"dz\"/>), then scaled.");
        w.Line($"/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {TileName(layer, vectors, units)}(ref float panel, ref float dz, ref int examples, int count, int e0, {rows}, bool accumulate, float scale)"))
        {
            w.Line(Lanes);
            w.Line($"{Names.VectorOfFloat} {accumulators};");
            using (w.Block("if (accumulate)"))
            {
                foreach (var (u, v) in pairs) w.Line($"s{u}{v} = {LoadAt($"g{u}", Vectors(v))};");
            }
            using (w.Block("else"))
            {
                w.Line($"{string.Join(" = ", pairs.Select(p => $"s{p.u}{p.v}"))} = default;");
            }
            w.Line("ref float d = ref dz;");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"ref float a = {RefAt("panel", $"({At("examples", "n")} - e0) * {vectors} * {Count}")};");
                w.Line($"{Names.VectorOfFloat} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"a{v} = {LoadAt("a", Vectors(v))}"))};");
                for (var u = 0; u < units; u++)
                {
                    w.Line($"{Names.VectorOfFloat} d{u} = {Broadcast(At("d", u == 0 ? "0" : u.ToString()))};");
                    w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => $"s{u}{v} = {Fma($"a{v}", $"d{u}", $"s{u}{v}")};")));
                }
                w.Line($"d = {RefAt("d", units.ToString())};");
            }
            w.Line($"{Names.VectorOfFloat} factor = {Broadcast("scale")};");
            foreach (var (u, v) in pairs) w.Line(StoreAt($"s{u}{v} * factor", $"g{u}", Vectors(v)));
        }
        w.Line();
    }

    static void EmitInputsWork(SourceWriter w, LayerSpec layer)
    {
        w.Line($"/// <summary>One work item of dZ{layer.Index - 1}: a block of {InputRowsPerItem} examples.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private readonly struct {Name(layer, "InputsWork")} : {WorkKernel}"))
        {
            w.Line("/// <summary>Runs item <paramref name=\"item\"/>; buffers: A of the layer below, dZ, W, dZ of the layer below.</summary>");
            using (w.Block($"public static void Run(int item, in {Args} args, {Names.Span} scratch)"))
            {
                w.Line($"int first = item * {InputRowsPerItem};");
                w.Line($"{Name(layer, "Inputs")}(ref args.Buffer(0), ref args.Buffer(1), ref args.Buffer(2), ref args.Buffer(3), first, {Math}.Min({InputRowsPerItem}, args.Examples - first));");
            }
        }
        w.Line();
    }

    static void EmitInputs(SourceWriter w, LayerSpec layer)
    {
        var below = layer.Index - 1;
        w.Line($"/// <summary>dZ{below}[i, k] = (sum_j dZ{layer.Index}[i, j] W{layer.Index}[j, k]) * g'(A{below}[i, k]) for <paramref name=\"count\"/> examples from <paramref name=\"first\"/>, j in order.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {Name(layer, "Inputs")}(ref float input, ref float dz, ref float weights, ref float dzPrevious, int first, int count)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            w.Line($"int vectorInputs = In - In % {Count};");
            using (w.Block("for (int i = first; i < first + count; i++)"))
            {
                w.Line($"ref float di = {RefAt("dz", "i * Out")};");
                w.Line($"ref float ai = {RefAt("input", "i * In")};");
                w.Line($"ref float pi = {RefAt("dzPrevious", "i * In")};");
                w.Line("int k = 0;");
                EmitInputVectors(w, layer, InputVectors, $"for (; k + {InputVectors} * {Count} <= vectorInputs; k += {InputVectors} * {Count})");
                EmitInputVectors(w, layer, 1, $"for (; k < vectorInputs; k += {Count})");
                using (w.Block("for (; k < In; k++)"))
                {
                    w.Line("float sum = 0;");
                    w.Line($"for (int j = 0; j < Out; j++) sum += {At("di", "j")} * {At("weights", "j * In + k")};");
                    w.Line($"{At("pi", "k")} = {ActivationCode.Backward(layer.InputActivation, "sum", At("ai", "k"))};");
                }
            }
        }
        w.Line();
    }

    static void EmitInputVectors(SourceWriter w, LayerSpec layer, int vectors, string loop)
    {
        var list = Enumerable.Range(0, vectors).ToList();
        using (w.Block(loop))
        {
            w.Line($"{Names.VectorOfFloat} {string.Join(", ", list.Select(v => $"s{v} = default"))};");
            using (w.Block("for (int j = 0; j < Out; j++)"))
            {
                w.Line($"{Names.VectorOfFloat} d = {Broadcast(At("di", "j"))};");
                w.Line($"ref float wj = {RefAt("weights", "j * In + k")};");
                w.Line(string.Join(" ", list.Select(v => $"s{v} = {Fma("d", Load("wj", v == 0 ? "0" : $"{v} * {Count}"), $"s{v}")};")));
            }
            foreach (var v in list)
            {
                var offset = v == 0 ? "k" : $"k + {v} * {Count}";
                w.Line(Store(ActivationCode.BackwardVector(layer.InputActivation, $"s{v}", Load("ai", offset)), "pi", offset));
            }
        }
    }

    static void EmitScalar(SourceWriter w, LayerSpec layer)
    {
        w.Line($"/// <summary>Layer {layer.Index}'s backward pass where vectors are not hardware accelerated: plain loops.</summary>");
        w.Line(Names.GeneratedCode);
        var signature = LayerKernels.BackwardSignature(layer, Name(layer, "Scalar"));
        using (w.Block(signature))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            using (w.Block("for (int j = 0; j < Out; j++)"))
            {
                w.Line("float sum = 0;");
                w.Line("for (int i = 0; i < m; i++) sum += dz[i * Out + j];");
                w.Line("dBiases[j] = sum * inverseM;");
                using (w.Block("for (int k = 0; k < In; k++)"))
                {
                    w.Line("float column = 0;");
                    w.Line("for (int i = 0; i < m; i++) column += dz[i * Out + j] * input[i * In + k];");
                    w.Line("dWeights[j * In + k] = column * inverseM;");
                }
            }
            if (!layer.IsFirst)
            {
                using (w.Block("for (int i = 0; i < m; i++)"))
                {
                    using (w.Block("for (int k = 0; k < In; k++)"))
                    {
                        w.Line("float sum = 0;");
                        w.Line("for (int j = 0; j < Out; j++) sum += dz[i * Out + j] * weights[j * In + k];");
                        w.Line($"dzPrevious[i * In + k] = {ActivationCode.Backward(layer.InputActivation, "sum", "input[i * In + k]")};");
                    }
                }
            }
        }
        w.Line();
    }
}
