using System.ComponentModel;

namespace NetGen.Kernels.Lanes;

/// <summary>Which vector of a layer's gradients a pass of the lane kernels' grouped gradients sums.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGradientGroup
{
    /// <summary>The group: gradients Index x Count .. (Index + 1) x Count - 1 at a width of Count lanes.</summary>
    static abstract int Index { get; }
}

/// <summary>The first vector of gradients.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Group0 : IGradientGroup
{
    /// <inheritdoc/>
    public static int Index => 0;
}

/// <summary>The second vector of gradients.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Group1 : IGradientGroup
{
    /// <inheritdoc/>
    public static int Index => 1;
}

/// <summary>The third vector of gradients.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Group2 : IGradientGroup
{
    /// <inheritdoc/>
    public static int Index => 2;
}

/// <summary>The fourth vector of gradients.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Group3 : IGradientGroup
{
    /// <inheritdoc/>
    public static int Index => 3;
}
