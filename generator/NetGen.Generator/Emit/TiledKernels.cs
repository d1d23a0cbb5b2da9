using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Large layers: constant-bound SIMD loops over register-blocked tiles. Each tile shape is its own small method, so
/// the JIT fully optimises every one. <c>Vector&lt;float&gt;.Count</c> is a JIT-time constant: with the layer sizes
/// written as constants, every loop bound is known when the kernel is compiled.
/// </summary>
internal static class TiledKernels
{
    /// <summary>Examples per forward tile: each unit's weights are loaded once for this many examples.</summary>
    public const int Rows = 4;

    /// <summary>Units per tile: each example's inputs are loaded once for this many units.</summary>
    public const int Units = 4;

    const string Count = Names.VectorOfFloat + ".Count";

    public static void Emit(SourceWriter w, LayerSpec layer)
    {
        EmitForward(w, layer);
        foreach (var rows in new[] { Rows, 1 })
            foreach (var units in UnitTiles(layer))
                EmitForwardTile(w, layer, rows, units);
        EmitBackward(w, layer);
        foreach (var units in UnitTiles(layer))
            EmitWeightTile(w, layer, units);
    }

    /// <summary>Tile widths: full tiles, plus one narrower tile for the remaining units.</summary>
    static int[] UnitTiles(LayerSpec layer) =>
        new[] { layer.Outputs >= Units ? Units : 0, layer.Outputs % Units }.Where(u => u > 0).Distinct().ToArray();

    static string Sizes(LayerSpec layer) => $"const int In = {Literals.Int(layer.Inputs)}, Out = {Literals.Int(layer.Outputs)};";

    static string Ref(string span) => $"ref {Names.MemoryMarshal}.GetReference({span})";

    static string At(string reference, string offset) => $"{Names.Unsafe}.Add(ref {reference}, {offset})";

    static string Load(string reference, string offset) => $"{Names.Vector}.LoadUnsafe(ref {reference}, (nuint)({offset}))";

    static void EmitForward(SourceWriter w, LayerSpec layer)
    {
        var full = layer.Outputs - layer.Outputs % Units;
        LayerKernels.ForwardDoc(w, layer);
        using (w.Block(LayerKernels.ForwardSignature(layer)))
        {
            w.Line($"const int Out = {Literals.Int(layer.Outputs)};");
            w.Line($"ref float x = {Ref("input")};");
            w.Line($"ref float w = {Ref("weights")};");
            w.Line($"ref float z = {Ref("output")};");
            w.Line($"{Names.ReadOnlySpan} b = biases[..Out];");
            w.Line("int i = 0;");
            foreach (var rows in new[] { Rows, 1 })
            {
                var loop = rows == 1 ? "for (; i < m; i++)" : $"for (; i + {rows} <= m; i += {rows})";
                using (w.Block(loop))
                {
                    if (full > 0) w.Line($"for (int j = 0; j < {full}; j += {Units}) ForwardLayer{layer.Index}Tile{rows}x{Units}(ref x, ref w, ref z, b, i, j);");
                    if (layer.Outputs % Units != 0) w.Line($"ForwardLayer{layer.Index}Tile{rows}x{layer.Outputs % Units}(ref x, ref w, ref z, b, i, {full});");
                }
            }
        }
        w.Line();
    }

    static void EmitForwardTile(SourceWriter w, LayerSpec layer, int rows, int units)
    {
        var pairs = (from r in Enumerable.Range(0, rows) from u in Enumerable.Range(0, units) select (r, u)).ToList();
        w.Line($"/// <summary>A {rows} x {units} tile of layer {layer.Index}: examples i.., units j.., {rows * units} vector accumulators.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void ForwardLayer{layer.Index}Tile{rows}x{units}(ref float x, ref float w, ref float z, {Names.ReadOnlySpan} b, int i, int j)"))
        {
            w.Line(Sizes(layer));
            foreach (var r in Enumerable.Range(0, rows)) w.Line($"ref float x{r} = ref {At("x", $"(i + {r}) * In")};");
            foreach (var u in Enumerable.Range(0, units)) w.Line($"ref float w{u} = ref {At("w", $"(j + {u}) * In")};");
            w.Line($"{Names.VectorOfFloat} {string.Join(", ", pairs.Select(p => $"s{p.r}{p.u} = default"))};");
            w.Line("int k = 0;");
            using (w.Block($"for (; k <= In - {Count}; k += {Count})"))
            {
                foreach (var r in Enumerable.Range(0, rows)) w.Line($"{Names.VectorOfFloat} a{r} = {Load($"x{r}", "k")};");
                foreach (var u in Enumerable.Range(0, units)) w.Line($"{Names.VectorOfFloat} v{u} = {Load($"w{u}", "k")};");
                foreach (var (r, u) in pairs) w.Line($"s{r}{u} = {Names.Vector}.FusedMultiplyAdd(a{r}, v{u}, s{r}{u});");
            }
            w.Line($"float {string.Join(", ", pairs.Select(p => $"t{p.r}{p.u} = {Names.Vector}.Sum(s{p.r}{p.u})"))};");
            using (w.Block("for (; k < In; k++)"))
            {
                foreach (var (r, u) in pairs) w.Line($"t{r}{u} += {At($"x{r}", "k")} * {At($"w{u}", "k")};");
            }
            foreach (var (r, u) in pairs)
                w.Line($"{At("z", $"(i + {r}) * Out + j + {u}")} = {ActivationCode.Apply(layer.Activation, $"t{r}{u} + b[j + {u}]")};");
        }
        w.Line();
    }

    static void EmitBackward(SourceWriter w, LayerSpec layer)
    {
        var full = layer.Outputs - layer.Outputs % Units;
        LayerKernels.BackwardDoc(w, layer);
        using (w.Block(LayerKernels.BackwardSignature(layer)))
        {
            w.Line(Sizes(layer));
            w.Line($"ref float a = {Ref("input")};");
            w.Line($"ref float d = {Ref("dz")};");
            w.Line($"ref float w = {Ref("weights")};");
            w.Line($"ref float g = {Ref("dWeights")};");
            w.Line($"{Names.Span} db = dBiases[..Out];");
            using (w.Block("for (int j = 0; j < Out; j++)"))
            {
                w.Line("float sum = 0;");
                w.Line($"for (int i = 0; i < m; i++) sum += {At("d", "i * Out + j")};");
                w.Line("db[j] = sum * inverseM;");
            }
            w.Line();
            w.Line("// dW: for each block of inputs, every example's slice of that block stays in L1 cache across the unit tiles.");
            w.Line("int k = 0;");
            using (w.Block($"for (; k <= In - {Count}; k += {Count})"))
            {
                if (full > 0) w.Line($"for (int j = 0; j < {full}; j += {Units}) BackwardLayer{layer.Index}WeightTile{Units}(ref a, ref d, ref g, m, inverseM, j, k);");
                if (layer.Outputs % Units != 0) w.Line($"BackwardLayer{layer.Index}WeightTile{layer.Outputs % Units}(ref a, ref d, ref g, m, inverseM, {full}, k);");
            }
            using (w.Block("for (; k < In; k++)"))
            {
                using (w.Block("for (int j = 0; j < Out; j++)"))
                {
                    w.Line("float sum = 0;");
                    w.Line($"for (int i = 0; i < m; i++) sum += {At("d", "i * Out + j")} * {At("a", "i * In + k")};");
                    w.Line($"{At("g", "j * In + k")} = sum * inverseM;");
                }
            }
            if (!layer.IsFirst) EmitPreviousDz(w, layer);
        }
        w.Line();
    }

    static void EmitPreviousDz(SourceWriter w, LayerSpec layer)
    {
        w.Line();
        w.Line($"// dZ{layer.Index - 1} = (dZ{layer.Index} W{layer.Index}) * g'(A{layer.Index - 1}), a block of inputs at a time.");
        w.Line($"ref float p = {Ref("dzPrevious")};");
        using (w.Block("for (int i = 0; i < m; i++)"))
        {
            w.Line($"ref float di = ref {At("d", "i * Out")};");
            w.Line($"ref float ai = ref {At("a", "i * In")};");
            w.Line($"ref float pi = ref {At("p", "i * In")};");
            w.Line("int c = 0;");
            using (w.Block($"for (; c <= In - {Count}; c += {Count})"))
            {
                w.Line($"{Names.VectorOfFloat} sum = default;");
                w.Line($"for (int j = 0; j < Out; j++) sum = {Names.Vector}.FusedMultiplyAdd(new {Names.VectorOfFloat}({At("di", "j")}), {Load("w", "j * In + c")}, sum);");
                w.Line($"{Names.Vector}.StoreUnsafe({ActivationCode.BackwardVector(layer.InputActivation, "sum", Load("ai", "c"))}, ref pi, (nuint)c);");
            }
            using (w.Block("for (; c < In; c++)"))
            {
                w.Line("float sum = 0;");
                w.Line($"for (int j = 0; j < Out; j++) sum += {At("di", "j")} * {At("w", "j * In + c")};");
                w.Line($"{At("pi", "c")} = {ActivationCode.Backward(layer.InputActivation, "sum", At("ai", "c"))};");
            }
        }
    }

    static void EmitWeightTile(SourceWriter w, LayerSpec layer, int units)
    {
        var list = Enumerable.Range(0, units).ToList();
        w.Line($"/// <summary>dW{layer.Index}[j..j+{units}, k..k+Count] = sum_i dZ[i, j..] A_prev[i, k..] / m: {units} vector accumulators over the batch.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line(Names.Kernel);
        using (w.Block($"private static void BackwardLayer{layer.Index}WeightTile{units}(ref float a, ref float d, ref float g, int m, float inverseM, int j, int k)"))
        {
            w.Line(Sizes(layer));
            w.Line($"{Names.VectorOfFloat} {string.Join(", ", list.Select(u => $"s{u} = default"))};");
            using (w.Block("for (int i = 0; i < m; i++)"))
            {
                w.Line($"{Names.VectorOfFloat} v = {Load("a", "i * In + k")};");
                w.Line($"ref float di = ref {At("d", "i * Out + j")};");
                foreach (var u in list)
                    w.Line($"s{u} = {Names.Vector}.FusedMultiplyAdd(v, new {Names.VectorOfFloat}({At("di", u.ToString())}), s{u});");
            }
            foreach (var u in list)
                w.Line($"{Names.Vector}.StoreUnsafe(s{u} * inverseM, ref g, (nuint)((j + {u}) * In + k));");
        }
        w.Line();
    }
}
