using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Numerics;

namespace NetGen.Tests.Kernels;

// Networks whose layers take every path of the tiled kernels: the fused training step (first layer tiled), a first
// layer whose inputs leave a scalar tail (301 % 4, 8 and 16) and whose 22 units leave 1-unit tiles and are split
// into ranges for a single example, a second tiled layer (dZ of the layer below on the cores), and a first layer
// that runs in lanes (no fused step) in front of a tiled one.

/// <summary>The course's cat network.</summary>
[Network(12288, 20, 7, 5, 1)] public partial class KernelsCat : IGeneratedNetworkApi<KernelsCat.Caches, KernelsCat.Gradients> { }

/// <summary>A tiled first layer with a scalar tail of inputs and a unit count that is not a multiple of 4.</summary>
[Network(301, 22, 7, 1)] public partial class KernelsTail : IGeneratedNetworkApi<KernelsTail.Caches, KernelsTail.Gradients> { }

/// <summary>Two tiled layers, LeakyReLU, linear output.</summary>
[Network(200, 40, 7, 2, Hidden = Activation.LeakyReLU, Output = Activation.Linear)] public partial class KernelsTwoTiled : IGeneratedNetworkApi<KernelsTwoTiled.Caches, KernelsTwoTiled.Gradients> { }

/// <summary>A first layer in lanes (45 units, sample-major output) in front of a tiled one (45 inputs into 6 units).</summary>
[Network(20, 45, 6, 2)] public partial class KernelsLanesFirst : IGeneratedNetworkApi<KernelsLanesFirst.Caches, KernelsLanesFirst.Gradients> { }

/// <summary>The networks above by name, each time a new instance.</summary>
public static class KernelNetworks
{
    static readonly Dictionary<string, Func<NetworkCase>> Factories = new()
    {
        [nameof(KernelsCat)] = () => new NetworkCase<KernelsCat, KernelsCat.Caches, KernelsCat.Gradients>(c => new(c), (c, l) => c.Activations(l)),
        [nameof(KernelsTail)] = () => new NetworkCase<KernelsTail, KernelsTail.Caches, KernelsTail.Gradients>(c => new(c), (c, l) => c.Activations(l)),
        [nameof(KernelsTwoTiled)] = () => new NetworkCase<KernelsTwoTiled, KernelsTwoTiled.Caches, KernelsTwoTiled.Gradients>(c => new(c), (c, l) => c.Activations(l)),
        [nameof(KernelsLanesFirst)] = () => new NetworkCase<KernelsLanesFirst, KernelsLanesFirst.Caches, KernelsLanesFirst.Gradients>(c => new(c), (c, l) => c.Activations(l)),
    };

    public static IEnumerable<string> Names => Factories.Keys;

    public static NetworkCase Create(string name) => Factories[name]();

    /// <summary>Inputs in [0, 1) and labels of the network's output kind, from <paramref name="seed"/>.</summary>
    public static (float[] X, float[] Y) Batch(NetworkCase net, int m, int seed)
    {
        var random = new Random(seed);
        var x = new float[m * net.InputSize];
        for (var i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        var y = new float[m * net.OutputSize];
        for (var i = 0; i < y.Length; i++) y[i] = net.Output == Activation.Sigmoid ? random.Next(2) : (float)(random.NextDouble() * 2 - 1);
        return (x, y);
    }

    /// <summary>Every parameter array, in layer order, copied.</summary>
    public static float[][] Parameters(NetworkCase net) =>
        Enumerable.Range(1, net.LayerCount).SelectMany(l => new[] { net.Weights(l).ToArray(), net.Biases(l).ToArray() }).ToArray();
}
