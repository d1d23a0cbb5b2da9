using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

/// <summary>
/// The tile and work-item sizes of the dense kernels, per vector width. Generic properties of the width's constants,
/// so the JIT folds them: each width's copy of a kernel sees its own tile shapes as constants. Only the vector width
/// and a layer's sizes decide a result's bits; tile shapes, work items and thread counts never do.
/// </summary>
internal static class DenseTiles
{
    /// <summary>
    /// Examples per forward register tile of <see cref="ForwardUnits"/> units: 6 x 4 = 24 accumulators + 6 example
    /// vectors + 1 weight vector = 31 of AVX-512's 32 registers; 3 x 4 = 12 + 3 + 1 = 16 with AVX2's 16.
    /// </summary>
    public static int ForwardRows<T>() where T : struct, ISimd<T> => T.Registers >= 32 ? 6 : 3;

    /// <summary>Units per forward register tile.</summary>
    public const int ForwardUnits = 4;

    /// <summary>Units per register tile of a lone example: 8 independent accumulators hide the multiply-add latency.</summary>
    public const int SingleRowUnits = 8;

    /// <summary>A lone block of examples is split into ranges of this many units, so that one example still uses every core.</summary>
    public const int UnitsPerPart = SingleRowUnits;

    /// <summary>
    /// Input vectors per weight-gradient tile of <see cref="TileUnits"/> units: 4 x 6 = 24 accumulators + 6 input
    /// vectors + 1 broadcast = 31 registers with AVX-512; 4 x 3 + 3 + 1 = 16 with AVX2.
    /// </summary>
    public static int PanelVectors<T>() where T : struct, ISimd<T> => T.Registers >= 32 ? 6 : 3;

    /// <summary>Units per weight-gradient tile (<see cref="ActiveExampleTiles"/> groups units by this many).</summary>
    public const int TileUnits = 4;

    /// <summary>Inputs per weight-gradient work item: whole panels of 3 or 6 vectors of 1, 8 or 16 lanes, and whole cache lines.</summary>
    public const int ColumnsPerItem = 192;

    /// <summary>
    /// Examples packed at a time by the weight-gradient kernel (more are summed block by block, in order): a panel and a
    /// tile's active examples' dZ fit in L1 and L2 together.
    /// </summary>
    public const int PackedExamples = 256;

    /// <summary>Work below this many multiply-adds stays on the calling thread: waking a second core costs microseconds.</summary>
    public const long ParallelMultiplyAdds = 1 << 17;

    /// <summary>
    /// The inputs of a layer (up to its last whole vector) are summed in up to this many superblocks of whole
    /// <see cref="ColumnsPerItem"/>-input chunks, each on its own, then the superblocks' sums in order. The fused training
    /// pass runs superblocks on different cores; every forward pass uses the same split, so both give the same bits.
    /// A constant (not the thread count): it decides the order of the sums.
    /// </summary>
    public const int Superblocks = 8;

    /// <summary>Forward work items per thread: two, so that a thread that starts late still finds work.</summary>
    public const int ForwardItemsPerThread = 2;

    /// <summary>The most examples in a forward work item (whole register tiles): a superblock's slice of W stays in L2 while the item's examples use it.</summary>
    public const int MaxForwardRowsPerItem = 96;

    /// <summary>Examples per work item of dZ of the layer below.</summary>
    public const int InputRowsPerItem = 16;
}
