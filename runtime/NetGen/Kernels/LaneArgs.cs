using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>What a lane kernel (<see cref="Lanes.LaneLayer{TShape, TActivation}"/>) reads and writes, handed to it at one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct LaneArgs
{
    /// <summary>The layer's input activations (X or the previous layer's A).</summary>
    public ReadOnlySpan<float> Input;

    /// <summary>The layer's weights, row-major (units, inputs).</summary>
    public ReadOnlySpan<float> Weights;

    /// <summary>The layer's biases (forward).</summary>
    public ReadOnlySpan<float> Biases;

    /// <summary>The layer's activations (forward).</summary>
    public Span<float> Output;

    /// <summary>dCost/dZ of the layer (backward).</summary>
    public ReadOnlySpan<float> Dz;

    /// <summary>dCost/dW, overwritten (backward).</summary>
    public Span<float> DWeights;

    /// <summary>dCost/db, overwritten (backward).</summary>
    public Span<float> DBiases;

    /// <summary>dCost/dZ of the previous layer, overwritten (backward; empty for layer 1).</summary>
    public Span<float> DzPrevious;

    /// <summary>The number of examples.</summary>
    public int Examples;

    /// <summary>1 / m (backward).</summary>
    public float InverseM;

    /// <summary>Whether <see cref="Input"/> (and <see cref="DzPrevious"/>) are blocked (<see cref="ExampleLanes"/>) rather than sample-major.</summary>
    public bool InputBlocked;

    /// <summary>Whether <see cref="Output"/> (and <see cref="Dz"/>) are blocked rather than sample-major.</summary>
    public bool OutputBlocked;
}
