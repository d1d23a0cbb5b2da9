using System;
using NetGen.Numerics;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>After the first call, a training iteration and a prediction allocate nothing, whatever the thread count.</summary>
[Collection(nameof(ThreadCountCollection))]
public sealed class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ATrainingIterationOfTheCatNetworkAllocatesNothing(int threads)
    {
        const int m = 209;
        var net = new KernelsCat();
        net.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
        var (x, y) = Batch(m, KernelsCat.InputSize);
        var caches = new KernelsCat.Caches(m);
        var gradients = new KernelsCat.Gradients();
        var allocated = WithThreads(threads, () => Allocations.OfWarmCalls(3, () =>
        {
            var al = net.Forward(x, caches);
            KernelsCat.ComputeCost(al, y);
            net.Backward(y, caches, gradients);
            net.UpdateParameters(gradients, 0.0075f);
        }));
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainInGramMatrixForm_AllocatesPerCallNotPerIteration(int threads)
    {
        // The Gram matrix, Z1(0), D and a copy of W1 are made once per call: 60 more iterations add no byte.
        const int m = 30;
        var net = new KernelsCat();
        net.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
        var (x, y) = Batch(m, KernelsCat.InputSize);
        long Call(int iterations) => Allocations.OfWarmCalls(1, () => net.Train(x, y, new TrainingOptions
        {
            Iterations = iterations,
            ReportEvery = 1000,
            LearningRate = 0.0075f,
            FirstLayer = FirstLayerArithmetic.GramMatrix,
        }));

        var (ten, seventy) = WithThreads(threads, () => (Call(10), Call(70)));

        Assert.True(ten > (long)m * m * sizeof(float), $"a call allocated {ten} bytes, less than its Gram matrix");
        Assert.Equal(ten, seventy);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void PredictAllocatesNothing(int threads)
    {
        var net = new KernelsCat();
        net.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
        var (x, _) = Batch(40, KernelsCat.InputSize);
        var output = new float[40];
        var small = new KernelsLanesFirst();
        small.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
        var smallExample = new float[KernelsLanesFirst.InputSize];
        var smallOutput = new float[KernelsLanesFirst.OutputSize];
        // Every layer in lanes and enough examples for the blocks to be spread over the threads.
        var lanes = new NetGen.Tests.Numerics.NumericsLanesParallel();
        lanes.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
        var (lanesX, _) = Batch(300, NetGen.Tests.Numerics.NumericsLanesParallel.InputSize);
        var lanesOutput = new float[300 * NetGen.Tests.Numerics.NumericsLanesParallel.OutputSize];
        var allocated = WithThreads(threads, () => Allocations.OfWarmCalls(20, () =>
        {
            net.Predict(x.AsSpan(0, KernelsCat.InputSize));
            net.Predict(x, output);
            small.Predict(smallExample, smallOutput);
            lanes.Predict(lanesX, lanesOutput);
        }));
        Assert.Equal(0, allocated);
    }

    static T WithThreads<T>(int threads, Func<T> measure)
    {
        var before = NetGen.Kernels.WorkSplitter.ThreadCount;
        NetGen.Kernels.WorkSplitter.ThreadCount = threads;
        try
        {
            return measure();
        }
        finally
        {
            NetGen.Kernels.WorkSplitter.ThreadCount = before;
        }
    }

    static (float[] X, float[] Y) Batch(int m, int inputs)
    {
        var random = new NumpyRandom(5);
        var x = new float[m * inputs];
        for (var i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        var y = new float[m];
        for (var i = 0; i < m; i++) y[i] = i % 2;
        return (x, y);
    }
}
