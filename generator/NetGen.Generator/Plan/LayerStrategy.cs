namespace NetGen.Generator.Plan;

/// <summary>How the generator writes one layer's kernels, decided from its constant sizes.</summary>
internal enum LayerStrategy
{
    /// <summary>Every multiply-add written out with constant indices: no loop inside an example.</summary>
    Unrolled,

    /// <summary>The runtime's dense kernels (register-blocked SIMD tiles for every vector width), specialised by the JIT for the layer's shape.</summary>
    Tiled,
}
