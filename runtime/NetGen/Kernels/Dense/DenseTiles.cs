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
    /// vectors + 1 weight vector = 31 of AVX-512's 32 registers; 3 x 4 = 12 + 3 + 1 = 16 with AVX2's 16. Three to five
    /// examples left over by a 6-row tiling start with one 3-row tile.
    /// </summary>
    public static int ForwardRows<T>() where T : struct, ISimd<T> => T.Registers >= 32 ? 6 : 3;

    /// <summary>Units per forward register tile.</summary>
    public const int ForwardUnits = 4;

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
    /// Inputs per step of the fused training pass: every example's slice of them (320 KB for 209 examples) stays in L2
    /// from its dW to its forward part, and each forward register tile sums twice as many inputs per call as with one
    /// <see cref="ColumnsPerItem"/> chunk per step (measured on the cat layer: that was about 3% slower; 768 no faster
    /// than 384). The bits do not depend on it.
    /// </summary>
    public const int TrainChunk = 2 * ColumnsPerItem;

    /// <summary>
    /// Examples packed at a time by the weight-gradient kernel (more are summed block by block, in order): a panel and a
    /// tile's active examples' dZ fit in L1 and L2 together.
    /// </summary>
    public const int PackedExamples = 256;

    /// <summary>
    /// The most examples the fused training pass's weight-gradient tiles sum per call (a step's examples are split into
    /// blocks as even as this allows, summed in order): a panel of 64 examples (24 KB with AVX-512) stays in L1 while
    /// every tile of units reads it, where a panel of all 209 cat examples (80 KB) came from L2 for each tile (measured
    /// on the cat layer, interleaved: the fused pass 3-12% faster; <c>Backward</c>'s items were 2-4% slower with it and
    /// keep blocks of <see cref="PackedExamples"/>). The bits do not depend on it.
    /// </summary>
    public const int TrainTileExamples = 64;

    /// <summary>
    /// The inputs of a layer (up to its last whole vector) are summed in up to this many superblocks of whole
    /// <see cref="ColumnsPerItem"/>-input chunks, each on its own, then the superblocks' sums in order. The fused training
    /// pass runs superblocks on different cores (and groups of a superblock's unit tiles, when threads outnumber the
    /// superblocks); every forward pass uses the same split, so both give the same bits.
    /// A constant (not the thread count): it decides the order of the sums.
    /// </summary>
    public const int Superblocks = 8;

    /// <summary>Forward work items per thread at least (a layer with fewer superblocks splits its examples): a thread that starts late still finds work.</summary>
    public const int ForwardItemsPerThread = 2;

    /// <summary>
    /// Inputs per chunk of a forward register tile: the tile's examples' chunk (18 KB at 6 x 768) stays in L1 while every
    /// unit of the item uses it; fewer chunks load and store the partial sums less often (measured: 768 beat 384 and 1536).
    /// </summary>
    public const int ForwardChunk = 4 * ColumnsPerItem;

    /// <summary>The most units a forward item sums: their partial sums for a register tile of examples stay in L1.</summary>
    public const int ForwardPassUnits = 64;

    /// <summary>The floats of W a forward item copies side by side (fewer units when the superblocks are wider): they stay in L2.</summary>
    public const int ForwardPackedFloats = 64 * 1024;

    /// <summary>The most superblock sums a forward round keeps (more examples run in rounds): a bound on the pooled buffer.</summary>
    public const long MaxForwardSums = 1 << 20;

    /// <summary>Examples per work item of dZ of the layer below.</summary>
    public const int InputRowsPerItem = 16;
}
