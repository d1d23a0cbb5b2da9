using System;
using System.ComponentModel;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

/// <summary>
/// The kernels of a large fully-connected layer: forward, weight and bias gradients, the gradient of the layer below,
/// and the fused training pass. Written once, generic over the layer's <typeparamref name="TShape"/>, its
/// <typeparamref name="TActivation"/> and (inside) the vector width, so the JIT compiles one copy per layer and
/// width with every size a constant. Activations and dZ are sample-major (<c>a[i * units + j]</c>), weights row-major
/// (<c>w[j * inputs + k]</c>). Work is split over <see cref="WorkSplitter.ThreadCount"/> threads, with every output
/// summed in the same order whatever the thread count; a batch and one example give the same bits.
/// </summary>
/// <typeparam name="TShape">The layer's sizes.</typeparam>
/// <typeparam name="TActivation">The layer's activation (for a softmax layer, <see cref="Linear"/>; the caller normalises the rows).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class DenseLayer<TShape, TActivation>
    where TShape : struct, IDenseShape
    where TActivation : struct, IDenseActivation
{
    static int In => TShape.Inputs;

    static int Out => TShape.Outputs;

    /// <summary>Inputs up to the last whole vector of <typeparamref name="T"/>; the rest are added one by one.</summary>
    static int VectorInputs<T>() where T : struct, ISimd<T> => In - In % T.Count;

    /// <summary>The smallest batch worth more than one thread.</summary>
    static int MinParallelExamples => (int)Math.Max(1, (WorkSplitter.MinParallelMultiplyAdds + (long)In * Out - 1) / ((long)In * Out));

    /// <summary>The lists of active examples the weight-gradient pass keeps for batches of up to <paramref name="capacity"/> examples.</summary>
    /// <param name="capacity">The most examples a batch has.</param>
    public static ActiveExampleTiles CreateTiles(int capacity) => new(capacity, Out, DenseTiles.TileUnits);

    /// <summary>The floats of the superblock sums <see cref="TrainFirst"/> keeps for batches of up to <paramref name="capacity"/> examples.</summary>
    /// <param name="capacity">The most examples a batch has.</param>
    public static int TrainSumsLength(int capacity) => checked(DenseTiles.Superblocks * capacity * Out);

    static void Require(int length, long needed, string name)
    {
        if (length < needed)
            throw new ArgumentException($"{name} must hold at least {needed} floats for a layer of {In} inputs and {Out} units, but its length is {length}.", name);
    }

    /// <summary>The superblocks of the inputs: up to <see cref="DenseTiles.Superblocks"/> runs of whole chunks, covering the inputs up to the last whole vector.</summary>
    static int Superblocks<T>() where T : struct, ISimd<T> =>
        Math.Min(DenseTiles.Superblocks, (VectorInputs<T>() + DenseTiles.ColumnsPerItem - 1) / DenseTiles.ColumnsPerItem);

    /// <summary>The inputs of superblock <paramref name="s"/>: the chunks shared out as evenly as whole chunks allow.</summary>
    static (int Start, int End) SuperblockInputs<T>(int s) where T : struct, ISimd<T>
    {
        int vectorInputs = VectorInputs<T>(), chunks = (vectorInputs + DenseTiles.ColumnsPerItem - 1) / DenseTiles.ColumnsPerItem, count = Superblocks<T>();
        return (s * chunks / count * DenseTiles.ColumnsPerItem, Math.Min((s + 1) * chunks / count * DenseTiles.ColumnsPerItem, vectorInputs));
    }
}
