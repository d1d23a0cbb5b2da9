using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Declares a fully connected network on a <c>partial class</c>; NetGen's source generator emits the whole
/// network into that class at build time: <c>[LINEAR -> Hidden] x (L-1) -> LINEAR -> Output</c>.
/// </summary>
/// <example><code>[Network(12288, 20, 7, 5, 1)] public partial class CatNet { }</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network with these layer sizes: the input size, each hidden size, then the output size.</summary>
    /// <param name="layerSizes">At least two positive integer constants, <c>n0, n1, ..., nL</c>.</param>
    public NetworkAttribute(params int[] layerSizes) => LayerSizes = layerSizes;

    /// <summary>The layer sizes as declared: <c>n0</c> (input) to <c>nL</c> (output).</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>The activation of every hidden layer: ReLU (default), LeakyReLU, Tanh or Sigmoid.</summary>
    public Activation Hidden { get; set; } = Activation.ReLU;

    /// <summary>
    /// The output activation and with it the cost: Sigmoid (default) with binary cross-entropy, or Linear with
    /// mean squared error.
    /// </summary>
    public Activation Output { get; set; } = Activation.Sigmoid;

    /// <summary>
    /// A trained parameter file (.npz with the keys <c>W1</c>, <c>b1</c>, ... as <c>np.savez(path, **parameters)</c>
    /// writes them), relative to the project folder and listed in the project as <c>&lt;AdditionalFiles Include="..." /&gt;</c>.
    /// The build checks it against the network (keys, shapes, dtype, CRC-32) and embeds it: the generated
    /// <c>CreateTrained()</c> returns a network holding these weights, with no file needed at run time.
    /// </summary>
    public string? Weights { get; set; }
}
