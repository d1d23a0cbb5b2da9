using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Numerics;

// The networks under test. Shapes are chosen to run every code path of the generator:
// - lane layers (Plan/LayerStrategies: up to 32 inputs, or up to 128 into 8 units or more) and SIMD-tiled ones;
// - tiled layers whose input count is not a multiple of Vector<float>.Count (4, 8 or 16), so the scalar tails run,
//   one whose inputs (5) are fewer than a vector, so only the tail runs, and unit counts that are not a multiple
//   of 4, 8 or 16 (37, 33, 45, 19, 3), so the narrower remainder tiles run;
// - every hidden activation through both the scalar and the vector derivative, and both outputs;
// - a Predict whose hidden activations are too large for the stack (rented arrays).

/// <summary>The course's <c>initialize_parameters(3, 2, 1)</c>.</summary>
[Network(3, 2, 1)] public partial class NumericsSeedTwoLayer : IGeneratedNetworkApi<NumericsSeedTwoLayer.Caches, NumericsSeedTwoLayer.Gradients> { }

/// <summary>The course's <c>initialize_parameters_deep([5, 4, 3])</c>.</summary>
[Network(5, 4, 3)] public partial class NumericsSeedDeep543 : IGeneratedNetworkApi<NumericsSeedDeep543.Caches, NumericsSeedDeep543.Gradients> { }

/// <summary>The course's <c>initialize_parameters_deep([4, 3, 2])</c>.</summary>
[Network(4, 3, 2)] public partial class NumericsSeedDeep432 : IGeneratedNetworkApi<NumericsSeedDeep432.Caches, NumericsSeedDeep432.Gradients> { }

/// <summary>One layer: logistic regression.</summary>
[Network(6, 1)] public partial class NumericsSingleLayer : IGeneratedNetworkApi<NumericsSingleLayer.Caches, NumericsSingleLayer.Gradients> { }

/// <summary>One tiled layer that is both first and last, linear output: linear regression.</summary>
[Network(40, 5, Output = Activation.Linear)] public partial class NumericsSingleTiledLinear : IGeneratedNetworkApi<NumericsSingleTiledLinear.Caches, NumericsSingleTiledLinear.Gradients> { }

/// <summary>The course's 4-layer test network.</summary>
[Network(5, 4, 3, 1)] public partial class NumericsCourseNet : IGeneratedNetworkApi<NumericsCourseNet.Caches, NumericsCourseNet.Gradients> { }

/// <summary>Deep and narrow: six unrolled layers.</summary>
[Network(3, 4, 4, 4, 4, 4, 2)] public partial class NumericsDeepNarrow : IGeneratedNetworkApi<NumericsDeepNarrow.Caches, NumericsDeepNarrow.Gradients> { }

/// <summary>Deep and narrow with tanh and a linear output.</summary>
[Network(3, 4, 4, 4, 4, 4, 2, Hidden = Activation.Tanh, Output = Activation.Linear)] public partial class NumericsDeepNarrowTanhLinear : IGeneratedNetworkApi<NumericsDeepNarrowTanhLinear.Caches, NumericsDeepNarrowTanhLinear.Gradients> { }

/// <summary>Every layer tiled: 300 and 37 inputs leave vector tails, 37 and 3 units leave tile remainders.</summary>
[Network(300, 40, 37, 3)] public partial class NumericsWide : IGeneratedNetworkApi<NumericsWide.Caches, NumericsWide.Gradients> { }

/// <summary><see cref="NumericsWide"/>'s shape with LeakyReLU and a tiled linear output.</summary>
[Network(300, 40, 37, 3, Hidden = Activation.LeakyReLU, Output = Activation.Linear)] public partial class NumericsWideLeakyLinear : IGeneratedNetworkApi<NumericsWideLeakyLinear.Caches, NumericsWideLeakyLinear.Gradients> { }

/// <summary>A long input: 1000 inputs, 33 units (8 full tiles and one of 1), then 33 inputs (a tail of 1).</summary>
[Network(1000, 33, 1)] public partial class NumericsWideColumn : IGeneratedNetworkApi<NumericsWideColumn.Caches, NumericsWideColumn.Gradients> { }

/// <summary>A first layer tiled for its 600 units though its 5 inputs are fewer than one vector; then tiled, then in lanes.</summary>
[Network(5, 600, 30, 2, Hidden = Activation.Tanh)] public partial class NumericsNarrowInputTiled : IGeneratedNetworkApi<NumericsNarrowInputTiled.Caches, NumericsNarrowInputTiled.Gradients> { }

/// <summary>Predict's hidden block (2050 units x 4 examples) exceeds its stack limit, so it rents arrays.</summary>
[Network(16, 2050, 3)] public partial class NumericsPooledPredict : IGeneratedNetworkApi<NumericsPooledPredict.Caches, NumericsPooledPredict.Gradients> { }

// Lanes 20 -> 45, tiled 45 -> 6 (its dZ1 takes the vector derivative over 45 inputs), lanes 6 -> 2.

/// <summary>Mixed kernels, ReLU, sigmoid output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.ReLU)] public partial class NumericsMixedReLUSigmoid : IGeneratedNetworkApi<NumericsMixedReLUSigmoid.Caches, NumericsMixedReLUSigmoid.Gradients> { }

/// <summary>Mixed kernels, LeakyReLU, sigmoid output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.LeakyReLU)] public partial class NumericsMixedLeakySigmoid : IGeneratedNetworkApi<NumericsMixedLeakySigmoid.Caches, NumericsMixedLeakySigmoid.Gradients> { }

/// <summary>Mixed kernels, tanh, sigmoid output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.Tanh)] public partial class NumericsMixedTanhSigmoid : IGeneratedNetworkApi<NumericsMixedTanhSigmoid.Caches, NumericsMixedTanhSigmoid.Gradients> { }

/// <summary>Mixed kernels, sigmoid hidden layers, sigmoid output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.Sigmoid)] public partial class NumericsMixedSigmoidSigmoid : IGeneratedNetworkApi<NumericsMixedSigmoidSigmoid.Caches, NumericsMixedSigmoidSigmoid.Gradients> { }

/// <summary>Mixed kernels, ReLU, linear output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.ReLU, Output = Activation.Linear)] public partial class NumericsMixedReLULinear : IGeneratedNetworkApi<NumericsMixedReLULinear.Caches, NumericsMixedReLULinear.Gradients> { }

/// <summary>Mixed kernels, LeakyReLU, linear output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.LeakyReLU, Output = Activation.Linear)] public partial class NumericsMixedLeakyLinear : IGeneratedNetworkApi<NumericsMixedLeakyLinear.Caches, NumericsMixedLeakyLinear.Gradients> { }

/// <summary>Mixed kernels, tanh, linear output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.Tanh, Output = Activation.Linear)] public partial class NumericsMixedTanhLinear : IGeneratedNetworkApi<NumericsMixedTanhLinear.Caches, NumericsMixedTanhLinear.Gradients> { }

/// <summary>Mixed kernels, sigmoid hidden layers, linear output.</summary>
[Network(20, 45, 6, 2, Hidden = Activation.Sigmoid, Output = Activation.Linear)] public partial class NumericsMixedSigmoidLinear : IGeneratedNetworkApi<NumericsMixedSigmoidLinear.Caches, NumericsMixedSigmoidLinear.Gradients> { }

/// <summary>A small classifier for the training tests.</summary>
[Network(2, 8, 1)] public partial class NumericsSeparable : IGeneratedNetworkApi<NumericsSeparable.Caches, NumericsSeparable.Gradients> { }

/// <summary>A deeper small classifier for the training tests.</summary>
[Network(4, 8, 8, 1)] public partial class NumericsSeparableDeep : IGeneratedNetworkApi<NumericsSeparableDeep.Caches, NumericsSeparableDeep.Gradients> { }

/// <summary>
/// Every layer in lanes (24 and 16 inputs are small, 40 inputs feed 16 units), 1,648 multiply-adds per example: a batch
/// of more than 80 examples and more than one block of 64 runs its Predict blocks on several threads.
/// </summary>
[Network(24, 40, 16, 3)] public partial class NumericsLanesParallel : IGeneratedNetworkApi<NumericsLanesParallel.Caches, NumericsLanesParallel.Gradients> { }

/// <summary>Every layer in lanes with 200 hidden units: a block's activations (12,800 floats) are rented, not on the stack.</summary>
[Network(16, 100, 100, 10)] public partial class NumericsLanesWideHidden : IGeneratedNetworkApi<NumericsLanesWideHidden.Caches, NumericsLanesWideHidden.Gradients> { }

/// <summary>Creates fresh <see cref="NetworkCase"/>s of the test networks by name, for theories.</summary>
public static class NumericsNetworks
{
    static readonly Dictionary<string, Func<NetworkCase>> Factories = new[]
    {
        Entry(() => new NetworkCase<NumericsSeedTwoLayer, NumericsSeedTwoLayer.Caches, NumericsSeedTwoLayer.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsSeedDeep543, NumericsSeedDeep543.Caches, NumericsSeedDeep543.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsSeedDeep432, NumericsSeedDeep432.Caches, NumericsSeedDeep432.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsSingleLayer, NumericsSingleLayer.Caches, NumericsSingleLayer.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsSingleTiledLinear, NumericsSingleTiledLinear.Caches, NumericsSingleTiledLinear.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsCourseNet, NumericsCourseNet.Caches, NumericsCourseNet.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsDeepNarrow, NumericsDeepNarrow.Caches, NumericsDeepNarrow.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsDeepNarrowTanhLinear, NumericsDeepNarrowTanhLinear.Caches, NumericsDeepNarrowTanhLinear.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsWide, NumericsWide.Caches, NumericsWide.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsWideLeakyLinear, NumericsWideLeakyLinear.Caches, NumericsWideLeakyLinear.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsWideColumn, NumericsWideColumn.Caches, NumericsWideColumn.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsNarrowInputTiled, NumericsNarrowInputTiled.Caches, NumericsNarrowInputTiled.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsPooledPredict, NumericsPooledPredict.Caches, NumericsPooledPredict.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedReLUSigmoid, NumericsMixedReLUSigmoid.Caches, NumericsMixedReLUSigmoid.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedLeakySigmoid, NumericsMixedLeakySigmoid.Caches, NumericsMixedLeakySigmoid.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedTanhSigmoid, NumericsMixedTanhSigmoid.Caches, NumericsMixedTanhSigmoid.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedSigmoidSigmoid, NumericsMixedSigmoidSigmoid.Caches, NumericsMixedSigmoidSigmoid.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedReLULinear, NumericsMixedReLULinear.Caches, NumericsMixedReLULinear.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedLeakyLinear, NumericsMixedLeakyLinear.Caches, NumericsMixedLeakyLinear.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedTanhLinear, NumericsMixedTanhLinear.Caches, NumericsMixedTanhLinear.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsMixedSigmoidLinear, NumericsMixedSigmoidLinear.Caches, NumericsMixedSigmoidLinear.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsSeparable, NumericsSeparable.Caches, NumericsSeparable.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsSeparableDeep, NumericsSeparableDeep.Caches, NumericsSeparableDeep.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsLanesWideHidden, NumericsLanesWideHidden.Caches, NumericsLanesWideHidden.Gradients>(c => new(c), (c, l) => c.Activations(l))),
        Entry(() => new NetworkCase<NumericsLanesParallel, NumericsLanesParallel.Caches, NumericsLanesParallel.Gradients>(c => new(c), (c, l) => c.Activations(l))),
    }.ToDictionary(e => e.Name, e => e.Create);

    /// <summary>The names of every test network.</summary>
    public static IEnumerable<string> Names => Factories.Keys;

    /// <summary>A new instance of the named network, parameters zero.</summary>
    public static NetworkCase Create(string name) =>
        Factories.TryGetValue(name, out var create) ? create() : throw new ArgumentException($"No test network is named '{name}'.", nameof(name));

    static (string Name, Func<NetworkCase> Create) Entry(Func<NetworkCase> create) => (create().Name, create);
}
