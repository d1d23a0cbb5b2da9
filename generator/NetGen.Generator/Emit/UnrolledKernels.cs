using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Small layers: the per-unit code written out with constant weight indices, where every value is a vector of examples
/// (16, 8 or 1 of them: one method generic over the width, <c>TSimd</c>, run by <c>SimdDispatch</c>). Up to
/// <see cref="LayerPlan.MaxFullyUnrolledMultiplyAdds"/> every multiply-add is its own term, one line per unit; beyond that
/// a loop over the units (or inputs) runs one written-out dot product, so the code grows with inputs + units rather than
/// inputs x units. The forward sums are <c>b + w0 a0 + w1 a1 + ...</c> in input order, rounded as <c>PredictOne</c>'s
/// scalar locals are, so a batch and a single example give the same bits. <see cref="LaneLayout"/> says which buffers
/// are blocked and which are gathered from or scattered to sample-major at the layer's edges.
/// </summary>
internal static class UnrolledKernels
{
    const string Lanes = LaneLayout.Lanes;
    const string Block = Lanes + ".Block";
    const string Ref = Names.MemoryMarshal + ".GetReference";

    /// <summary>Beyond this many floats a looped layer's gradient sums live in a pooled array rather than on the stack.</summary>
    const int MaxStackSums = 8192;

    public static void Emit(SourceWriter w, NetworkSpec spec, LayerSpec layer)
    {
        var full = LayerPlan.IsFullyUnrolled(layer);
        EmitForward(w, spec, layer, full);
        EmitBackward(w, spec, layer, full);
    }

    static string Sum(System.Collections.Generic.IEnumerable<string> terms) => string.Join(" ", terms);

    static string Load(string start, string offset) => $"{Lanes}.Load<TSimd>(ref {start}, {offset})";

    static string Offset(int row) => row == 0 ? "s" : $"{row * 16} + s";

    /// <summary>The dispatching method and the head of its width-generic kernel struct; returns the scope to close.</summary>
    static System.IDisposable Kernel(SourceWriter w, string signature, string name, string args)
    {
        using (w.Block(signature))
        {
            w.Line($"var args = new {LaneLayout.Args} {{ {args} }};");
            w.Line($"{LaneLayout.Simd}.SimdDispatch.Run<{name}Lanes, {LaneLayout.Args}>(ref args);");
        }
        w.Line();
        w.Line($"/// <summary>{name} at one vector width: each value below is a vector of examples.</summary>");
        w.Line(Names.GeneratedCode);
        var type = w.Block($"private readonly struct {name}Lanes : {LaneLayout.Simd}.ISimdKernel<{LaneLayout.Args}>");
        w.Line(Names.Kernel);
        var method = w.Block($"public static void Run<TSimd>(scoped ref {LaneLayout.Args} args) where TSimd : struct, {LaneLayout.Simd}.ISimd<TSimd>");
        return new Scopes(method, type);
    }

    sealed class Scopes : System.IDisposable
    {
        readonly System.IDisposable inner, outer;

        public Scopes(System.IDisposable inner, System.IDisposable outer)
        {
            this.inner = inner;
            this.outer = outer;
        }

        public void Dispose()
        {
            inner.Dispose();
            outer.Dispose();
        }
    }

    static void EmitForward(SourceWriter w, NetworkSpec spec, LayerSpec layer, bool full)
    {
        int n = layer.Inputs, units = layer.Outputs;
        bool blockedInput = LaneLayout.InputBlocked(spec, layer), blockedOutput = LaneLayout.OutputBlocked(spec, layer);
        var name = $"ForwardLayer{layer.Index}";
        LayerKernels.ForwardDoc(w, layer);
        using (Kernel(w, LayerKernels.ForwardSignature(layer), name, "Input = input, Weights = weights, Biases = biases, Output = output, Examples = m"))
        {
            w.Line("// Constant-length slices let the JIT drop the bounds checks of the constant indices below.");
            w.Line($"{Names.ReadOnlySpan} w = args.Weights[..{Literals.Int(layer.MultiplyAdds)}], b = args.Biases[..{units}];");
            w.Line("int m = args.Examples;");
            if (!blockedInput) w.Line($"{Names.Span} gathered = stackalloc float[{Block} * {n}];");
            if (!blockedOutput) w.Line($"{Names.Span} scattered = stackalloc float[{Block} * {units}];");
            using (w.Block($"for (int block = 0; block < {Lanes}.Blocks(m); block++)"))
            {
                Input(w, blockedInput, "args.Input", "gathered", n, "a");
                w.Line(blockedOutput
                    ? $"ref float z = ref {Ref}(args.Output.Slice(block * {Block} * {units}, {Block} * {units}));"
                    : $"ref float z = ref {Ref}(scattered);");
                using (w.Block("for (int s = 0; s < " + Block + "; s += TSimd.Count)"))
                {
                    w.Line($"TSimd {string.Join(", ", Enumerable.Range(0, n).Select(k => $"a{k} = {Load("a", Offset(k))}"))};");
                    w.Line("TSimd sum;");
                    if (full)
                    {
                        for (var j = 0; j < units; j++)
                            w.Line($"sum = TSimd.Broadcast(b[{j}]); {Sum(Enumerable.Range(0, n).Select(k => $"sum = {Lanes}.AddProduct(sum, w[{j * n + k}], a{k});"))} {Lanes}.Store({ActivationCode.ApplyLanes(layer.Activation, "sum")}, ref z, {Offset(j)});");
                    }
                    else
                    {
                        using (w.Block($"for (int j = 0; j < {units}; j++)"))
                        {
                            w.Line($"{Names.ReadOnlySpan} wj = w.Slice(j * {n}, {n});");
                            w.Line($"sum = TSimd.Broadcast(b[j]); {Sum(Enumerable.Range(0, n).Select(k => $"sum = {Lanes}.AddProduct(sum, wj[{k}], a{k});"))}");
                            w.Line($"{Lanes}.Store({ActivationCode.ApplyLanes(layer.Activation, "sum")}, ref z, j * {Block} + s);");
                        }
                    }
                }
                if (layer.Activation == Activation.Softmax) w.Line($"{Lanes}.Softmax<TSimd>(ref z, {units});");
                if (!blockedOutput) w.Line($"{Lanes}.Scatter(scattered, {units}, block, m, args.Output);");
            }
        }
        w.Line();
    }

    /// <summary>Declares <c>ref float {name}</c> at the block's <paramref name="width"/> feature vectors: in place, or gathered.</summary>
    static void Input(SourceWriter w, bool blocked, string source, string gathered, int width, string name)
    {
        if (blocked)
        {
            w.Line($"ref float {name} = ref {Ref}({source}.Slice(block * {Block} * {width}, {Block} * {width}));");
            return;
        }
        w.Line($"{Lanes}.Gather({source}, {width}, block, m, {gathered});");
        w.Line($"ref float {name} = ref {Ref}({gathered});");
    }

    static void EmitBackward(SourceWriter w, NetworkSpec spec, LayerSpec layer, bool full)
    {
        int n = layer.Inputs, units = layer.Outputs;
        bool blockedInput = LaneLayout.InputBlocked(spec, layer), blockedOutput = LaneLayout.OutputBlocked(spec, layer);
        var name = $"BackwardLayer{layer.Index}";
        LayerKernels.BackwardDoc(w, layer);
        var args = "Input = input, Dz = dz, Weights = weights, DWeights = dWeights, DBiases = dBiases, " + (layer.IsFirst ? "" : "DzPrevious = dzPrevious, ") + "Examples = m, InverseM = inverseM";
        using (Kernel(w, LayerKernels.BackwardSignature(layer), name, args))
        {
            w.Line($"{Names.ReadOnlySpan} w = args.Weights[..{Literals.Int(layer.MultiplyAdds)}];");
            w.Line($"{Names.Span} dw = args.DWeights[..{Literals.Int(layer.MultiplyAdds)}], db = args.DBiases[..{units}];");
            w.Line("int m = args.Examples;");
            if (!blockedInput) w.Line($"{Names.Span} gathered = stackalloc float[{Block} * {n}];");
            if (!blockedOutput) w.Line($"{Names.Span} gatheredDz = stackalloc float[{Block} * {units}];");
            if (!layer.IsFirst && !blockedInput) w.Line($"{Names.Span} scattered = stackalloc float[{Block} * {n}];");
            var sums = (long)(layer.MultiplyAdds + units) * 16;
            var pooled = !full && sums > MaxStackSums;
            if (full)
            {
                w.Line($"// Per-lane sums of db{layer.Index} and dW{layer.Index}, added across lanes at the end.");
                w.Line($"TSimd {string.Join(", ", Enumerable.Range(0, units).Select(j => $"db{j} = TSimd.Zero"))};");
                for (var j = 0; j < units; j++)
                    w.Line($"TSimd {string.Join(", ", Enumerable.Range(0, n).Select(k => $"dw{j * n + k} = TSimd.Zero"))};");
            }
            else
            {
                w.Line($"// Per-lane sums of unit j's db{layer.Index} and dW{layer.Index} row, {n + 1} vectors from vector j * {n + 1}, added across lanes at the end.");
                if (pooled)
                {
                    w.Line($"float[] rented = global::System.Buffers.ArrayPool<float>.Shared.Rent({Literals.Int(sums)});");
                    w.Line($"{Names.Span} sums = new {Names.Span}(rented, 0, {Literals.Int(layer.MultiplyAdds + units)} * TSimd.Count);");
                    w.Line("sums.Clear();");
                }
                else
                {
                    w.Line($"{Names.Span} sums = stackalloc float[{Literals.Int(layer.MultiplyAdds + units)} * TSimd.Count];");
                    w.Line("sums.Clear();");
                }
                w.Line($"ref float sum0 = ref {Ref}(sums);");
            }
            using (w.Block($"for (int block = 0; block < {Lanes}.Blocks(m); block++)"))
            {
                Input(w, blockedInput, "args.Input", "gathered", n, "a");
                Input(w, blockedOutput, "args.Dz", "gatheredDz", units, "d");
                if (!layer.IsFirst)
                    w.Line(blockedInput
                        ? $"ref float g = ref {Ref}(args.DzPrevious.Slice(block * {Block} * {n}, {Block} * {n}));"
                        : $"ref float g = ref {Ref}(scattered);");
                using (w.Block("for (int s = 0; s < " + Block + "; s += TSimd.Count)"))
                {
                    if (full) FullyUnrolledLanes(w, layer);
                    else LoopedLanes(w, layer);
                }
                if (!layer.IsFirst && !blockedInput) w.Line($"{Lanes}.Scatter(scattered, {n}, block, m, args.DzPrevious);");
            }
            w.Line("float inverseM = args.InverseM;");
            if (full)
            {
                w.Line(string.Join(" ", Enumerable.Range(0, units).Select(j => $"db[{j}] = TSimd.Sum(db{j}) * inverseM;")));
                for (var j = 0; j < units; j++)
                    w.Line(string.Join(" ", Enumerable.Range(0, n).Select(k => $"dw[{j * n + k}] = TSimd.Sum(dw{j * n + k}) * inverseM;")));
            }
            else
            {
                using (w.Block($"for (int j = 0; j < {units}; j++)"))
                {
                    w.Line($"db[j] = TSimd.Sum({Lanes}.Load<TSimd>(ref sum0, j * {n + 1} * TSimd.Count)) * inverseM;");
                    w.Line($"for (int k = 0; k < {n}; k++) dw[j * {n} + k] = TSimd.Sum({Lanes}.Load<TSimd>(ref sum0, (j * {n + 1} + 1 + k) * TSimd.Count)) * inverseM;");
                }
                if (pooled) w.Line("global::System.Buffers.ArrayPool<float>.Shared.Return(rented);");
            }
        }
        w.Line();
    }

    static void FullyUnrolledLanes(SourceWriter w, LayerSpec layer)
    {
        int n = layer.Inputs, units = layer.Outputs;
        w.Line($"TSimd {string.Join(", ", Enumerable.Range(0, n).Select(k => $"a{k} = {Load("a", Offset(k))}"))};");
        w.Line($"TSimd {string.Join(", ", Enumerable.Range(0, units).Select(j => $"d{j} = {Load("d", Offset(j))}"))};");
        w.Line($"// db{layer.Index} += dZ; dW{layer.Index} += dZ (outer) A_prev, one line per unit.");
        w.Line(string.Join(" ", Enumerable.Range(0, units).Select(j => $"db{j} = TSimd.Add(db{j}, d{j});")));
        for (var j = 0; j < units; j++)
            w.Line(string.Join(" ", Enumerable.Range(0, n).Select(k => $"dw{j * n + k} = TSimd.MultiplyAdd(d{j}, a{k}, dw{j * n + k});")));
        if (layer.IsFirst) return;
        w.Line($"// dZ{layer.Index - 1}[k] = sum_j dZ{layer.Index}[j] W{layer.Index}[j, k], times the derivative of A{layer.Index - 1}.");
        w.Line("TSimd dk;");
        for (var k = 0; k < n; k++)
        {
            var terms = Enumerable.Range(1, units - 1).Select(j => $"dk = TSimd.MultiplyAdd(d{j}, TSimd.Broadcast(w[{j * n + k}]), dk);");
            w.Line($"dk = TSimd.Multiply(d0, TSimd.Broadcast(w[{k}])); {Sum(terms)} {Lanes}.Store({ActivationCode.BackwardLanes(layer.InputActivation, "dk", $"a{k}")}, ref g, {Offset(k)});");
        }
    }

    static void LoopedLanes(SourceWriter w, LayerSpec layer)
    {
        int n = layer.Inputs, units = layer.Outputs;
        w.Line($"TSimd {string.Join(", ", Enumerable.Range(0, n).Select(k => $"a{k} = {Load("a", Offset(k))}"))};");
        w.Line($"// db{layer.Index} += dZ; dW{layer.Index} += dZ (outer) A_prev, a unit at a time.");
        using (w.Block($"for (int j = 0; j < {units}; j++)"))
        {
            w.Line($"TSimd dj = {Load("d", $"j * {Block} + s")};");
            w.Line($"ref float sum = ref {Names.Unsafe}.Add(ref sum0, j * {n + 1} * TSimd.Count);");
            w.Line($"{Lanes}.Store(TSimd.Add({Lanes}.Load<TSimd>(ref sum, 0), dj), ref sum, 0);");
            w.Line(Sum(Enumerable.Range(0, n).Select(k =>
                $"{Lanes}.Store(TSimd.MultiplyAdd(dj, a{k}, {Lanes}.Load<TSimd>(ref sum, {k + 1} * TSimd.Count)), ref sum, {k + 1} * TSimd.Count);")));
        }
        if (layer.IsFirst) return;
        w.Line($"// dZ{layer.Index - 1}[k] = sum_j dZ{layer.Index}[j] W{layer.Index}[j, k], times the derivative of A{layer.Index - 1}, an input at a time.");
        using (w.Block($"for (int k = 0; k < {n}; k++)"))
        {
            w.Line($"{Names.ReadOnlySpan} wk = w.Slice(k, {Literals.Int(layer.MultiplyAdds - n + 1)});");
            var terms = Enumerable.Range(1, units - 1).Select(j => $"dk = TSimd.MultiplyAdd({Load("d", Offset(j))}, TSimd.Broadcast(wk[{j * n}]), dk);");
            w.Line($"TSimd dk = TSimd.Multiply({Load("d", "s")}, TSimd.Broadcast(wk[0])); {Sum(terms)}");
            w.Line($"{Lanes}.Store({ActivationCode.BackwardLanes(layer.InputActivation, "dk", Load("a", $"k * {Block} + s"))}, ref g, k * {Block} + s);");
        }
    }
}
