using System;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The sizes of a tiled layer's kernels, chosen from its constant shape for a core with 16 vector registers,
/// a 32 KB L1 and a 512 KB L2 (AVX2 x64; wider vectors and more registers only make the tiles cheaper).
/// </summary>
internal sealed class TilePlan
{
    /// <summary>Forward tile height: 3 examples x 4 units = 12 accumulators + 3 example vectors + 1 weight vector = 16 registers.</summary>
    public const int Rows = 3;

    /// <summary>Forward tile width for <see cref="Rows"/> examples.</summary>
    public const int Units = 4;

    /// <summary>Forward tile width for a single example: 8 independent accumulators hide the multiply-add latency.</summary>
    public const int SingleRowUnits = 8;

    /// <summary>A lone block of examples is split into ranges of this many units, so that one example still uses every core.</summary>
    public const int UnitsPerPart = SingleRowUnits;

    /// <summary>Backward tile: 3 input vectors x 4 units = 12 accumulators + 3 input vectors + 1 broadcast = 16 registers.</summary>
    public const int PanelVectors = 3;

    /// <summary>Inputs per backward work item: whole panels of 3 vectors of 4, 8 or 16 lanes, and whole cache lines.</summary>
    public const int ColumnsPerItem = 192;

    /// <summary>
    /// Examples packed at a time by the backward kernel (more are summed block by block, in order): a panel of
    /// 256 x 3 vectors and a tile's active examples' dZ (side by side in <c>ActiveExampleTiles</c>) fit in L1 together.
    /// </summary>
    public const int PackedExamples = 256;

    /// <summary>Floats of packed weights the forward kernel keeps in L1 at a time.</summary>
    const int PackedWeightFloats = 5120;

    /// <summary>Floats of vector partial sums per forward work item (at most 16 lanes each).</summary>
    const int PartialFloats = 8192 * 16;

    /// <summary>Work below this many multiply-adds stays on the calling thread: waking a second core costs microseconds.</summary>
    public const long ParallelMultiplyAdds = 1 << 17;

    /// <summary>
    /// The inputs of a tiled layer (up to its last whole vector) are summed in up to this many superblocks of whole
    /// <see cref="ColumnsPerItem"/>-input chunks, each on its own, then the superblocks' sums in order. A training pass
    /// that computes dW and the next forward pass together (one read of the inputs) runs superblocks on different cores;
    /// every forward pass uses the same split, so both give the same bits.
    /// </summary>
    public const int Superblocks = 8;

    public TilePlan(LayerSpec layer)
    {
        Layer = layer;
        // The packed chunk divides the superblocks' 192-input granule and keeps Outputs x Chunk floats within L1's budget.
        Chunk = new[] { 192, 96, 64, 48 }.FirstOrDefault(c => layer.Outputs * c <= PackedWeightFloats) is var fits and > 0 ? fits : 48;
        MaxRowsPerItem = Math.Max(Rows, Math.Min(96, PartialFloats / 16 / layer.Outputs / Rows * Rows));
        MinParallelExamples = (int)Math.Max(1, (ParallelMultiplyAdds + layer.MultiplyAdds - 1) / layer.MultiplyAdds);
    }

    public LayerSpec Layer { get; }

    /// <summary>Inputs per packed chunk of weights: <c>Outputs x Chunk</c> floats fit in L1 next to the examples' slices.</summary>
    public int Chunk { get; }

    /// <summary>
    /// The most examples in a forward work item (a multiple of <see cref="Rows"/>). A batch is cut into about
    /// <see cref="ForwardItems"/> blocks: every block streams all of W, so fewer, larger blocks read it less often.
    /// </summary>
    public int MaxRowsPerItem { get; }

    /// <summary>The forward work items a batch is cut into (before <see cref="MaxRowsPerItem"/> caps their size): two per core of two.</summary>
    public const int ForwardItems = 4;

    /// <summary>Blocks with fewer examples read the weights in place: packing pays only when many examples reuse them.</summary>
    public int PackingRows => 2 * Rows;


    /// <summary>The smallest batch worth two cores.</summary>
    public int MinParallelExamples { get; }

    /// <summary>Scratch floats of a forward item, as C# (partial sums depend on the vector width the JIT picks).</summary>
    public string ForwardScratch => $"{Literals.Int(MaxRowsPerItem * Layer.Outputs)} * {KernelCode.Count} + {Literals.Int((long)Layer.Outputs * Chunk)}";

    /// <summary>Tiles of the backward pass: <see cref="Units"/> units each, then one per remaining unit (<c>ActiveExampleTiles.TileCount</c>).</summary>
    public int BackwardTiles => Layer.Outputs / Units + Layer.Outputs % Units;

    /// <summary>
    /// Scratch floats of a backward item: the packed panels, then where each tile's examples start and how many there
    /// are (two ints per tile: on the stack, a layer of a million units would need 2 MB).
    /// </summary>
    public string BackwardScratch => Literals.Int((long)ColumnsPerItem * PackedExamples + 2L * BackwardTiles);
}
