using System.ComponentModel;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// How many rows (units or inputs) a register tile of <see cref="LaneLayer{TShape, TActivation}"/> holds, as a type: the
/// JIT compiles one copy of a tile per size and drops the code of the rows past it, so one tile body serves a layer's
/// full tiles and its remainder.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILaneTile
{
    /// <summary>Rows in the tile: 1, 2, 4 or 8.</summary>
    static abstract int Rows { get; }
}

/// <summary>A tile of one row.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Tile1 : ILaneTile
{
    /// <inheritdoc/>
    public static int Rows => 1;
}

/// <summary>A tile of two rows.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Tile2 : ILaneTile
{
    /// <inheritdoc/>
    public static int Rows => 2;
}

/// <summary>A tile of four rows.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Tile4 : ILaneTile
{
    /// <inheritdoc/>
    public static int Rows => 4;
}

/// <summary>A tile of eight rows.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Tile8 : ILaneTile
{
    /// <inheritdoc/>
    public static int Rows => 8;
}
