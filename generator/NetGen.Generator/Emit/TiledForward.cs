using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.KernelCode;

namespace NetGen.Generator.Emit;

/// <summary>
/// A tiled layer's forward pass. Work items are blocks of examples (a lone block is split into ranges of units),
/// spread over the cores by the runtime's work splitter. Within an item, every output keeps one vector of partial
/// sums, accumulated lane by lane in input order, so an output's bits do not depend on the tile, the block, the
/// chunking or the thread that computed it: a batch and a single-example Predict agree exactly.
/// </summary>
internal static class TiledForward
{
    public static void Emit(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        EmitEntry(w, plan);
        EmitWork(w, plan);
        EmitRows(w, plan);
        EmitBlock(w, plan);
        foreach (var (rows, units) in Tiles(layer)) EmitTile(w, layer, rows, units);
        EmitScalar(w, layer);
    }

    /// <summary>The tile shapes a layer needs: full tiles, and the narrower ones its unit count leaves over.</summary>
    static (int Rows, int Units)[] Tiles(LayerSpec layer)
    {
        var tiles = new System.Collections.Generic.List<(int, int)>();
        if (layer.Outputs >= TilePlan.Units) tiles.Add((TilePlan.Rows, TilePlan.Units));
        if (layer.Outputs % TilePlan.Units != 0) tiles.Add((TilePlan.Rows, 1));
        if (layer.Outputs >= TilePlan.SingleRowUnits) tiles.Add((1, TilePlan.SingleRowUnits));
        if (layer.Outputs % TilePlan.SingleRowUnits >= TilePlan.Units) tiles.Add((1, TilePlan.Units));
        if (layer.Outputs % TilePlan.Units != 0) tiles.Add((1, 1));
        return tiles.ToArray();
    }

    /// <summary>Ranges of units a lone block of examples is split into (1 when the layer is too narrow to share).</summary>
    static int Parts(LayerSpec layer) =>
        layer.Outputs >= 2 * TilePlan.SingleRowUnits ? (layer.Outputs + TilePlan.UnitsPerPart - 1) / TilePlan.UnitsPerPart : 1;

    static string Name(LayerSpec layer, string part) => $"ForwardLayer{layer.Index}{part}";

    static void EmitEntry(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        var parts = Parts(layer);
        LayerKernels.ForwardDoc(w, layer);
        using (w.Block(LayerKernels.ForwardSignature(layer)))
        {
            using (w.Block($"if (!{Names.Vector}.IsHardwareAccelerated)"))
            {
                w.Line($"{Name(layer, "Scalar")}(input, weights, biases, output, m);");
                if (ActivationCode.RowsLine(layer, "output", "m") is { } softmax) w.Line(softmax);
                w.Line("return;");
            }
            var split = parts > 1 ? $"; a lone block is split into {parts} ranges of units, so that even one example uses every core" : "";
            w.Line($"// Work items: blocks of examples{split}.");
            w.Line($"// Both cores from {plan.MinParallelExamples} example{(plan.MinParallelExamples == 1 ? "" : "s")} ({Literals.Grouped(TilePlan.ParallelMultiplyAdds)} multiply-adds) up.");
            w.Line($"int rows = {Name(layer, "BlockRows")}(m), blocks = (m + rows - 1) / rows;");
            w.Line(parts > 1 ? $"int items = blocks == 1 ? {parts} : blocks;" : "int items = blocks;");
            w.Line($"{Splitter}.Run<{Name(layer, "Work")}>(items, m >= {plan.MinParallelExamples}, {plan.ForwardScratch}, m, 0f, input, weights, biases, output);");
            if (ActivationCode.RowsLine(layer, "output", "m") is { } rows) w.Line(rows);
        }
        w.Line();

        w.Line($"/// <summary>Examples per forward work item of layer {layer.Index}: about a {TilePlan.ForwardItems}th of the batch, whole register tiles, at most {plan.MaxRowsPerItem}. The results do not depend on it.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line($"private static int {Name(layer, "BlockRows")}(int m) => {Math}.Min(((m + {TilePlan.ForwardItems - 1}) / {TilePlan.ForwardItems} + {TilePlan.Rows - 1}) / {TilePlan.Rows} * {TilePlan.Rows}, {plan.MaxRowsPerItem});");
        w.Line();
    }

    static void EmitWork(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        var parts = Parts(layer);
        w.Line($"/// <summary>One work item of layer {layer.Index}'s forward pass: a block of examples{(parts > 1 ? ", or a range of units of a lone block" : "")}.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private readonly struct {Name(layer, "Work")} : {WorkKernel}"))
        {
            w.Line($"/// <summary>Runs item <paramref name=\"item\"/>; buffers: input, weights, biases, output.</summary>");
            using (w.Block($"public static void Run(int item, in {Args} args, {Names.Span} scratch)"))
            {
                w.Line($"int m = args.Examples, rows = {Name(layer, "BlockRows")}(m);");
                if (parts > 1)
                {
                    w.Line($"int parts = rows >= m ? {parts} : 1;");
                    w.Line($"int first = item / parts * rows, unitStart = item % parts * {TilePlan.UnitsPerPart};");
                    w.Line($"int unitEnd = parts == 1 ? {layer.Outputs} : {Math}.Min(unitStart + {TilePlan.UnitsPerPart}, {layer.Outputs});");
                }
                else
                {
                    w.Line($"int first = item * rows, unitStart = 0, unitEnd = {layer.Outputs};");
                }
                w.Line($"{Name(layer, "Rows")}(ref args.Buffer(0), ref args.Buffer(1), ref args.Buffer(2), ref args.Buffer(3), first, {Math}.Min(rows, m - first), unitStart, unitEnd, scratch);");
            }
        }
        w.Line();
    }

    static void EmitRows(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        w.Line($"/// <summary>");
        w.Line($"/// Layer {layer.Index} for <paramref name=\"rows\"/> examples from <paramref name=\"first\"/> and units <paramref name=\"unitStart\"/> to");
        w.Line($"/// <paramref name=\"unitEnd\"/>: per superblock of inputs, vector partial sums over its chunks and then their lanes, added");
        w.Line($"/// up in <paramref name=\"output\"/>; then the last inputs, bias and activation.");
        w.Line($"/// </summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {Name(layer, "Rows")}(ref float input, ref float weights, ref float biases, ref float output, int first, int rows, int unitStart, int unitEnd, {Names.Span} scratch)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)}, Chunk = {plan.Chunk};");
            w.Line($"ref float x = {RefAt("input", "first * In")};");
            w.Line($"// One vector of partial sums per example and unit, then the packed weights.");
            w.Line($"ref float partial = {Ref("scratch")};");
            w.Line($"ref float packed = {RefAt("partial", $"{plan.MaxRowsPerItem} * Out * {Count}")};");
            w.Line($"int superblocks = {Name(layer, "Superblocks")}();");
            using (w.Block("for (int s = 0; s < superblocks; s++)"))
            {
                w.Line($"var (start, end) = {Name(layer, "SuperblockInputs")}(s);");
                w.Line($"// Only this item's units: a lone example's range of {TilePlan.UnitsPerPart} must not clear the whole layer's sums (quadratic in its width).");
                w.Line($"if (unitEnd - unitStart == Out) scratch.Slice(0, rows * Out * {Count}).Clear();");
                w.Line($"else for (int i = 0; i < rows; i++) scratch.Slice((i * Out + unitStart) * {Count}, (unitEnd - unitStart) * {Count}).Clear();");
                using (w.Block($"if (rows < {plan.PackingRows})"))
                {
                    w.Line("// Few examples use each weight: read W in place.");
                    w.Line($"{Name(layer, "Block")}({RefAt("x", "start")}, {RefAt("weights", "unitStart * In + start")}, In, ref partial, rows, unitStart, unitEnd, end - start);");
                }
                using (w.Block("else"))
                {
                    using (w.Block("for (int k = start; k < end; k += Chunk)"))
                    {
                        w.Line($"int width = {Math}.Min(Chunk, end - k);");
                        w.Line($"// W's rows are {Literals.Grouped(layer.Inputs * 4L)} bytes apart: copy this chunk of them next to each other, where the tiles reuse them from L1.");
                        w.Line($"for (int j = unitStart; j < unitEnd; j++) {Names.MemoryMarshal}.CreateReadOnlySpan({RefAt("weights", "j * In + k")}, width).CopyTo({Names.MemoryMarshal}.CreateSpan({RefAt("packed", "(j - unitStart) * Chunk")}, width));");
                        w.Line($"{Name(layer, "Block")}({RefAt("x", "k")}, ref packed, Chunk, ref partial, rows, unitStart, unitEnd, width);");
                    }
                }
                using (w.Block("for (int i = 0; i < rows; i++)"))
                {
                    using (w.Block("for (int j = unitStart; j < unitEnd; j++)"))
                    {
                        w.Line($"float sum = {Names.Vector}.Sum({Load("partial", $"(i * Out + j) * {Count}")});");
                        w.Line($"ref float z = {RefAt("output", "(first + i) * Out + j")};");
                        w.Line("z = s == 0 ? sum : z + sum;");
                    }
                }
            }
            w.Line($"{Name(layer, "Finish")}(ref input, ref weights, ref biases, ref output, first, rows, unitStart, unitEnd, superblocks > 0);");
        }
        w.Line();

        w.Line($"/// <summary>The superblocks of layer {layer.Index}'s inputs: up to {TilePlan.Superblocks} runs of whole {TilePlan.ColumnsPerItem}-input chunks, covering the inputs up to the last whole vector.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line($"private static int {Name(layer, "Superblocks")}() => {Math}.Min({TilePlan.Superblocks}, ({Literals.Int(layer.Inputs)} - {Literals.Int(layer.Inputs)} % {Count} + {TilePlan.ColumnsPerItem - 1}) / {TilePlan.ColumnsPerItem});");
        w.Line();
        w.Line($"/// <summary>The inputs of superblock <paramref name=\"s\"/> of layer {layer.Index}: the chunks are shared out as evenly as whole chunks allow.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private static (int Start, int End) {Name(layer, "SuperblockInputs")}(int s)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)};");
            w.Line($"int vectorInputs = In - In % {Count}, chunks = (vectorInputs + {TilePlan.ColumnsPerItem - 1}) / {TilePlan.ColumnsPerItem}, count = {Name(layer, "Superblocks")}();");
            w.Line($"return (s * chunks / count * {TilePlan.ColumnsPerItem}, {Math}.Min((s + 1) * chunks / count * {TilePlan.ColumnsPerItem}, vectorInputs));");
        }
        w.Line();

        w.Line($"/// <summary>Layer {layer.Index}'s outputs from the superblocks' sums in <paramref name=\"output\"/>: plus the inputs past the last whole vector, the bias, then the activation.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {Name(layer, "Finish")}(ref float input, ref float weights, ref float biases, ref float output, int first, int rows, int unitStart, int unitEnd, bool summed)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            w.Line($"int vectorInputs = In - In % {Count};");
            using (w.Block("for (int i = 0; i < rows; i++)"))
            {
                w.Line($"ref float xi = {RefAt("input", "(first + i) * In")};");
                using (w.Block("for (int j = unitStart; j < unitEnd; j++)"))
                {
                    w.Line($"ref float a = {RefAt("output", "(first + i) * Out + j")};");
                    w.Line("float z = summed ? a : 0f;");
                    w.Line($"ref float wj = {RefAt("weights", "j * In")};");
                    w.Line($"for (int k = vectorInputs; k < In; k++) z += {At("xi", "k")} * {At("wj", "k")};");
                    w.Line($"a = {ActivationCode.Apply(layer.Activation, $"z + {At("biases", "j")}")};");
                }
            }
        }
        w.Line();
    }

    static void EmitBlock(SourceWriter w, TilePlan plan)
    {
        var layer = plan.Layer;
        var tiles = Tiles(layer);
        w.Line($"/// <summary>Adds <c>width</c> inputs' worth of W x to the partial sums of a block of layer {layer.Index}, one register tile at a time.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {Name(layer, "Block")}(ref float x, ref float w, int wStride, ref float partial, int rows, int unitStart, int unitEnd, int width)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            w.Line("int i = 0;");
            using (w.Block($"for (; i + {TilePlan.Rows} <= rows; i += {TilePlan.Rows})"))
            {
                w.Line($"ref float xi = {RefAt("x", "i * In")};");
                w.Line("int j = unitStart;");
                EmitUnitLoops(w, layer, TilePlan.Rows, tiles.Where(t => t.Rows == TilePlan.Rows).Select(t => t.Units));
            }
            using (w.Block("for (; i < rows; i++)"))
            {
                w.Line($"ref float xi = {RefAt("x", "i * In")};");
                w.Line("int j = unitStart;");
                EmitUnitLoops(w, layer, 1, tiles.Where(t => t.Rows == 1).Select(t => t.Units));
            }
        }
        w.Line();

        static void EmitUnitLoops(SourceWriter w, LayerSpec layer, int rows, System.Collections.Generic.IEnumerable<int> widths)
        {
            foreach (var units in widths)
                w.Line($"for (; j + {units} <= unitEnd; j += {units}) {TileName(layer, rows, units)}(ref xi, {RefAt("w", "(j - unitStart) * wStride")}, wStride, {RefAt("partial", $"(i * Out + j) * {Count}")}, width);");
        }
    }

    static string TileName(LayerSpec layer, int rows, int units) => $"ForwardLayer{layer.Index}Tile{rows}x{units}";

    static void EmitTile(SourceWriter w, LayerSpec layer, int rows, int units)
    {
        var pairs = (from r in Enumerable.Range(0, rows) from u in Enumerable.Range(0, units) select (r, u)).ToList();
        w.Line($"/// <summary>A {rows} x {units} tile of layer {layer.Index}: {rows} example{(rows == 1 ? "" : "s")} x {units} unit{(units == 1 ? "" : "s")}, {rows * units} vector accumulator{(rows * units == 1 ? "" : "s")} loaded from and stored to the partial sums.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void {TileName(layer, rows, units)}(ref float x, ref float w, int wStride, ref float p, int width)"))
        {
            if (rows > 1) w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            w.Line(Lanes);
            for (var r = 0; r < rows; r++) w.Line($"ref float x{r} = {RefAt("x", r == 0 ? "0" : $"{r} * In")};");
            for (var u = 0; u < units; u++) w.Line($"ref float w{u} = {RefAt("w", u == 0 ? "0" : $"{u} * wStride")};");
            for (var r = 0; r < rows; r++) w.Line($"ref float p{r} = {RefAt("p", r == 0 ? "0" : $"{r} * Out * {Count}")};");
            foreach (var r in Enumerable.Range(0, rows))
                w.Line($"{Names.VectorOfFloat} {string.Join(", ", Enumerable.Range(0, units).Select(u => $"s{r}{u} = {LoadAt($"p{r}", Vectors(u))}"))};");
            using (w.Block("for (nuint k = 0; k < (nuint)width; k += c)"))
            {
                // The examples' vectors stay in registers; each weight vector is loaded once and used by every example.
                w.Line($"{Names.VectorOfFloat} {string.Join(", ", Enumerable.Range(0, rows).Select(r => $"a{r} = {LoadAt($"x{r}", "k")}"))};");
                foreach (var u in Enumerable.Range(0, units))
                {
                    w.Line($"{Names.VectorOfFloat} v{u} = {LoadAt($"w{u}", "k")};");
                    w.Line(string.Join(" ", Enumerable.Range(0, rows).Select(r => $"s{r}{u} = {Fma($"a{r}", $"v{u}", $"s{r}{u}")};")));
                }
            }
            foreach (var (r, u) in pairs) w.Line(StoreAt($"s{r}{u}", $"p{r}", Vectors(u)));
        }
        w.Line();
    }

    static void EmitScalar(SourceWriter w, LayerSpec layer)
    {
        w.Line($"/// <summary>Layer {layer.Index} where vectors are not hardware accelerated: plain loops.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private static void {Name(layer, "Scalar")}({Names.ReadOnlySpan} input, {Names.ReadOnlySpan} weights, {Names.ReadOnlySpan} biases, {Names.Span} output, int m)"))
        {
            w.Line($"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};");
            using (w.Block("for (int i = 0; i < m; i++)"))
            {
                w.Line($"{Names.ReadOnlySpan} x = input.Slice(i * In, In);");
                using (w.Block("for (int j = 0; j < Out; j++)"))
                {
                    w.Line($"{Names.ReadOnlySpan} wj = weights.Slice(j * In, In);");
                    w.Line("float z = 0;");
                    w.Line("for (int k = 0; k < In; k++) z += x[k] * wj[k];");
                    w.Line($"output[i * Out + j] = {ActivationCode.Apply(layer.Activation, "z + biases[j]")};");
                }
            }
        }
        w.Line();
    }
}
