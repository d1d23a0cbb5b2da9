using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>2.1 million hidden units: Predict's activations of one example (8.4 MB) cannot live on any thread's stack.</summary>
[Network(2, 2_100_000, 1)] public partial class WideHiddenLayer { }

/// <summary>262,144 hidden units behind 16 inputs: dW1's per-tile bookkeeping (two ints per tile of 4 units) is 512 KB.</summary>
[Network(16, 262_144, 1)] public partial class WideSixteenInputs { }

/// <summary>
/// Layers far wider than any stack: nothing proportional to a layer's width may go on the stack. In the allocation
/// collection: a warm Predict is held to zero bytes, measured while no other test runs.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class WideLayerTests
{
    /// <summary>Runs <paramref name="body"/> on a new thread with a stack of <paramref name="stackBytes"/>, rethrowing what it throws.</summary>
    static void OnThreadWithStack(int stackBytes, Action body)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, stackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
    }

    [Fact]
    public void PredictOfOneExample_OfAWideHiddenLayer_RunsOnA1MBStack_AndAllocatesNothingOnceWarm()
    {
        var net = new WideHiddenLayer();
        net.InitializeParameters(3, WeightInit.InverseSqrtFanIn);
        float[] x = [0.25f, -1.5f];
        float predicted = 0, again = 0;
        long allocated = -1;

        // Windows' default stack; before the fix this stackalloc'd the 8.4 MB of activations and killed the process.
        OnThreadWithStack(1 << 20, () =>
        {
            predicted = net.Predict(x);
            allocated = Allocations.OfWarmCalls(1, () => again = net.Predict(x));
        });

        // An independent double-precision reading of the same parameters.
        var z2 = (double)net.B2[0];
        for (var j = 0; j < 2_100_000; j++)
            z2 += net.W2[j] * Math.Max(0, net.B1[j] + (double)net.W1[2 * j] * x[0] + (double)net.W1[2 * j + 1] * x[1]);
        Assert.Equal(1 / (1 + Math.Exp(-z2)), predicted, 1e-5);
        Assert.Equal(predicted, again);
        Assert.Equal(0, allocated);

        // The batch path with two examples gives the same bits for each.
        var both = new float[2];
        net.Predict([0.25f, -1.5f, 0.25f, -1.5f], both);
        Assert.Equal(predicted, both[0]);
        Assert.Equal(predicted, both[1]);
    }

    [Fact]
    public void BackwardOfAWideLayerWithAWholeVectorOfInputs_RunsOnA512KBStack()
    {
        var net = new WideSixteenInputs();
        net.InitializeParameters(5, WeightInit.He);
        var x = NumericAssert.Uniform(16, seed: 4);
        var caches = new WideSixteenInputs.Caches(1);
        var gradients = new WideSixteenInputs.Gradients();

        OnThreadWithStack(512 * 1024, () =>
        {
            net.Forward(x, caches);
            net.Backward([1f], caches, gradients);
        });

        // dW1[j, k] = dZ1[j] x[k] with dZ1[j] = (a2 - y) W2[j] where unit j is active: checked on every unit.
        var a2 = caches.Activations(2)[0];
        var a1 = caches.Activations(1);
        for (var j = 0; j < 262_144; j++)
        {
            var dz1 = a1[j] > 0 ? (a2 - 1.0) * net.W2[j] : 0;
            for (var k = 0; k < 16; k += 5)
                if (Math.Abs(gradients.DW1[j * 16 + k] - dz1 * x[k]) > 1e-6 * (1 + Math.Abs(dz1 * x[k])))
                    Assert.Fail($"dW1[{j}, {k}] is {gradients.DW1[j * 16 + k]}, expected {dz1 * x[k]}");
        }
    }
}
