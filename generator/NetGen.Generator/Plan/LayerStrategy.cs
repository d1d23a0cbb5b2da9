namespace NetGen.Generator.Plan;

/// <summary>How the generator writes one layer's kernels, decided from its constant sizes.</summary>
internal enum LayerStrategy
{
    /// <summary>Every multiply-add written out with constant indices: no loop inside an example.</summary>
    Unrolled,

    /// <summary>Constant-bound SIMD loops over register-blocked tiles, one small method per tile shape.</summary>
    Tiled,
}
