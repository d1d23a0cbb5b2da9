using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>The generated <c>Caches</c> (activations of a batch, made once) and <c>Gradients</c> classes.</summary>
internal static class BuffersEmitter
{
    public static void Emit(SourceWriter w, NetworkSpec spec)
    {
        EmitCaches(w, spec);
        EmitGradients(w, spec);
    }

    static void EmitCaches(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>");
        w.Line("/// What <see cref=\"Forward\"/> keeps for <see cref=\"Backward\"/> (the course's <c>caches</c>), allocated once for up to");
        w.Line("/// <see cref=\"Capacity\"/> examples and reused by every iteration. <see cref=\"Activations\"/> are sample-major: <c>A1[i * n1 + j]</c>.");
        w.Line("/// </summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block("public sealed class Caches"))
        {
            w.Line("/// <summary>Allocates room for batches of up to <paramref name=\"batchCapacity\"/> examples.</summary>");
            using (w.Block("public Caches(int batchCapacity)"))
            {
                w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);");
                w.Line($"{Names.ShapeGuard}.BatchFits(batchCapacity, {Literals.Int(MaxWidth(spec))}, nameof(batchCapacity));");
                w.Line("Capacity = batchCapacity;");
                foreach (var layer in spec.Layers)
                {
                    w.Line($"A{layer.Index} = new float[{LaneLayout.Length(spec, layer, "batchCapacity")}];");
                    w.Line($"DZ{layer.Index} = new float[{LaneLayout.Length(spec, layer, "batchCapacity")}];");
                    if (LaneLayout.OutputBlocked(spec, layer)) w.Line($"Published{layer.Index} = new float[batchCapacity * {layer.Outputs}];");
                    if (LayerPlan.For(layer) == LayerStrategy.Tiled)
                        w.Line($"Tiles{layer.Index} = {TiledKernels.Kernels(layer)}.CreateTiles(batchCapacity);");
                }
                if (FusedTrainStep.Applies(spec)) w.Line($"Sums1 = new float[{TiledKernels.Kernels(spec.Layer(1))}.TrainSumsLength(batchCapacity)];");
            }
            w.Line();
            w.Line("/// <summary>The largest batch these caches hold.</summary>");
            w.Line("public int Capacity { get; }");
            w.Line();
            w.Line("/// <summary>The number of examples in the last forward pass.</summary>");
            w.Line("public int BatchSize { get; internal set; }");
            w.Line();
            w.Line("/// <summary>The input of the last forward pass (A0), kept by reference for the first layer's gradients.</summary>");
            w.Line($"internal {Names.ReadOnlyMemory} Input;");
            w.Line();
            foreach (var layer in spec.Layers)
            {
                w.Line($"/// <summary>Layer {layer.Index}'s {ActivationCode.Name(layer.Activation)} activations and dCost/dZ{layer.Index} (filled by the backward pass), (batch, {layer.Outputs}).</summary>");
                w.Line($"internal readonly float[] A{layer.Index}, DZ{layer.Index};");
                if (LaneLayout.OutputBlocked(spec, layer))
                {
                    w.Line($"/// <summary>A{layer.Index} sample-major for <see cref=\"Activations\"/>: A{layer.Index} and dZ{layer.Index} are blocked for the example lanes (both layers around them are small).</summary>");
                    w.Line($"internal readonly float[] Published{layer.Index};");
                }
                if (LayerPlan.For(layer) == LayerStrategy.Tiled)
                {
                    w.Line($"/// <summary>Which examples each tile of layer {layer.Index}'s units needs for dW{layer.Index} (those whose dZ{layer.Index} is not all 0 there).</summary>");
                    w.Line($"internal readonly {LayerKernels.ActiveTiles} Tiles{layer.Index};");
                }
            }
            if (FusedTrainStep.Applies(spec))
            {
                w.Line($"/// <summary>Train's layer-1 sums, per superblock of inputs, (superblock, batch, {spec.Layer(1).Outputs}).</summary>");
                w.Line("internal readonly float[] Sums1;");
            }
            w.Line();
            w.Line("/// <summary>The activations of layer <paramref name=\"layer\"/> (1..L) for the last batch, sample-major.</summary>");
            using (w.Block($"public {Names.ReadOnlySpan} Activations(int layer) => layer switch", "};"))
            {
                foreach (var layer in spec.Layers)
                    w.Line(LaneLayout.OutputBlocked(spec, layer)
                        ? $"{layer.Index} => Publish(A{layer.Index}, {layer.Outputs}, Published{layer.Index}),"
                        : $"{layer.Index} => new {Names.ReadOnlySpan}(A{layer.Index}, 0, BatchSize * {layer.Outputs}),");
                w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(layer), layer, \"Layers are numbered 1 to {spec.LayerCount}.\"),");
            }
            if (LaneLayout.AnyBlocked(spec))
            {
                w.Line();
                w.Line("/// <summary>A blocked layer's activations for the last batch, copied sample-major into <paramref name=\"published\"/>.</summary>");
                using (w.Block($"private {Names.ReadOnlySpan} Publish(float[] blocked, int width, float[] published)"))
                {
                    w.Line($"{LaneLayout.Lanes}.ToSampleMajor(blocked, width, BatchSize, published);");
                    w.Line($"return new {Names.ReadOnlySpan}(published, 0, BatchSize * width);");
                }
            }
        }
        w.Line();
    }

    static void EmitGradients(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>The course's <c>grads</c>: dW1..dWL and db1..dbL, each the shape of its parameter.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block("public sealed class Gradients"))
        {
            foreach (var layer in spec.Layers)
            {
                w.Line($"/// <summary>dCost/d{layer.Weights}: ({layer.Outputs}, {layer.Inputs}), row-major.</summary>");
                w.Line($"public float[] D{layer.Weights} {{ get; }} = new float[{Literals.Int(layer.MultiplyAdds)}];");
                w.Line();
                w.Line($"/// <summary>dCost/d{layer.Biases}: ({layer.Outputs}, 1).</summary>");
                w.Line($"public float[] D{layer.Biases} {{ get; }} = new float[{Literals.Int(layer.Outputs)}];");
                w.Line();
            }
        }
        w.Line();
    }

    static int MaxWidth(NetworkSpec spec)
    {
        var max = 0;
        foreach (var layer in spec.Layers) if (layer.Outputs > max) max = layer.Outputs;
        return max;
    }
}
