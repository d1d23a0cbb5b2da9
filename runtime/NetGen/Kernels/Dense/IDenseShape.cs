using System.ComponentModel;

namespace NetGen.Kernels.Dense;

/// <summary>
/// The constant sizes of one large layer, as a type the kernels of <see cref="DenseLayer{TShape, TActivation}"/> are
/// generic over: the generator emits one struct per layer, and the JIT compiles one copy of each kernel per struct,
/// with these sizes (and every tile size derived from them) as constants in the machine code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDenseShape
{
    /// <summary>The layer's inputs (the units of the layer below, or the features of an example).</summary>
    static abstract int Inputs { get; }

    /// <summary>The layer's units.</summary>
    static abstract int Outputs { get; }
}
