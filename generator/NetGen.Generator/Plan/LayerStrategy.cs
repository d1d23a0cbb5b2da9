namespace NetGen.Generator.Plan;

/// <summary>How the generator writes one layer's kernels, decided from its constant sizes.</summary>
internal enum LayerStrategy
{
    /// <summary>The runtime's lane kernels: a vector of examples at a time (one per lane), units register-blocked, weights broadcast; specialised by the JIT for the layer's shape.</summary>
    Lanes,

    /// <summary>The runtime's dense kernels (register-blocked SIMD tiles for every vector width), specialised by the JIT for the layer's shape.</summary>
    Tiled,
}
