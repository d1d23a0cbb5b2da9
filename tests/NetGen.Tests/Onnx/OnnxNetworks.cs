using System;
using System.Linq;

namespace NetGen.Tests.Onnx;

/// <summary>What the ONNX tests need of a generated network.</summary>
public interface IOnnxTestNetwork
{
    void InitializeParameters(int seed, WeightInit init);

    void Predict(ReadOnlySpan<float> x, Span<float> output);

    void SaveOnnx(string path);

    void LoadOnnx(string path);
}

/// <summary>A generated network class, with its sizes (apart so that <see cref="IOnnxTestNetwork"/> can be a type argument).</summary>
public interface IOnnxTestNetworkType : IOnnxTestNetwork
{
    static abstract ReadOnlySpan<int> LayerSizes { get; }
}

// Every hidden activation with both outputs (small, unrolled layers), a single layer, and the course's cat network
// (tiled layers, a 1 MB model).
[Network(5, 4, 3, 1)] public partial class OnnxReluSigmoid : IOnnxTestNetworkType { }
[Network(5, 4, 3, 1, Hidden = Activation.LeakyReLU)] public partial class OnnxLeakySigmoid : IOnnxTestNetworkType { }
[Network(5, 4, 3, 1, Hidden = Activation.Tanh)] public partial class OnnxTanhSigmoid : IOnnxTestNetworkType { }
[Network(5, 4, 3, 1, Hidden = Activation.Sigmoid)] public partial class OnnxSigmoidSigmoid : IOnnxTestNetworkType { }
[Network(5, 4, 3, 2, Output = Activation.Linear)] public partial class OnnxReluLinear : IOnnxTestNetworkType { }
[Network(5, 4, 3, 2, Hidden = Activation.LeakyReLU, Output = Activation.Linear)] public partial class OnnxLeakyLinear : IOnnxTestNetworkType { }
[Network(5, 4, 3, 2, Hidden = Activation.Tanh, Output = Activation.Linear)] public partial class OnnxTanhLinear : IOnnxTestNetworkType { }
[Network(5, 4, 3, 2, Hidden = Activation.Sigmoid, Output = Activation.Linear)] public partial class OnnxSigmoidLinear : IOnnxTestNetworkType { }
[Network(6, 3, 1, Hidden = Activation.Sigmoid)] public partial class OnnxSigmoid631 : IOnnxTestNetworkType { }
[Network(7, 2, Output = Activation.Linear)] public partial class OnnxSingleLayer : IOnnxTestNetworkType { }
[Network(5, 4, 3, 3, Output = Activation.Softmax)] public partial class OnnxReluSoftmax : IOnnxTestNetworkType { }
[Network(12288, 20, 7, 5, 1)] public partial class OnnxCat : IOnnxTestNetworkType { }

/// <summary>A generated network behind a name, with its parameters reachable for comparison.</summary>
public sealed record OnnxCase(string Name, int[] Sizes, Func<IOnnxTestNetwork> Create)
{
    public static OnnxCase Of<T>() where T : IOnnxTestNetworkType, new() => new(typeof(T).Name, T.LayerSizes.ToArray(), () => new T());

    public static readonly OnnxCase[] All =
    [
        Of<OnnxReluSigmoid>(), Of<OnnxLeakySigmoid>(), Of<OnnxTanhSigmoid>(), Of<OnnxSigmoidSigmoid>(),
        Of<OnnxReluLinear>(), Of<OnnxLeakyLinear>(), Of<OnnxTanhLinear>(), Of<OnnxSigmoidLinear>(),
        Of<OnnxSigmoid631>(), Of<OnnxSingleLayer>(), Of<OnnxReluSoftmax>(), Of<OnnxCat>(),
    ];

    public static OnnxCase Named(string name) => All.Single(c => c.Name == name);

    public int LayerCount => Sizes.Length - 1;

    /// <summary>A network with weights drawn from <paramref name="seed"/> (He scaling, so activations are not tiny) and non-zero biases.</summary>
    public IOnnxTestNetwork CreateRandom(int seed)
    {
        var network = Create();
        network.InitializeParameters(seed, WeightInit.He);
        var random = new Random(seed);
        for (int l = 1; l <= LayerCount; l++)
        {
            var biases = Parameter(network, "B" + l);
            for (int i = 0; i < biases.Length; i++) biases[i] = (float)(random.NextDouble() - 0.5);
        }
        return network;
    }

    /// <summary>The generated array <c>W1</c>, <c>B1</c>, ... itself.</summary>
    public static float[] Parameter(IOnnxTestNetwork network, string name) =>
        (float[])network.GetType().GetProperty(name)!.GetValue(network)!;

    /// <summary>Copies of every parameter array, in the order W1, B1, W2, B2, ...</summary>
    public float[][] Parameters(IOnnxTestNetwork network) =>
        Enumerable.Range(1, LayerCount).SelectMany(l => new[] { "W" + l, "B" + l }).Select(n => (float[])Parameter(network, n).Clone()).ToArray();

    /// <summary>Inputs in [-2, 2), so every activation sees negative and positive arguments.</summary>
    public float[] Inputs(int batch, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, batch * Sizes[0]).Select(_ => (float)(4 * random.NextDouble() - 2)).ToArray();
    }

    public float[] Predict(IOnnxTestNetwork network, float[] x)
    {
        var output = new float[x.Length / Sizes[0] * Sizes[^1]];
        network.Predict(x, output);
        return output;
    }

    public override string ToString() => Name;
}
