using System;
using System.Linq;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Train fuses layer 1's backward pass, update and next forward pass into one pass over the inputs when that layer
/// is tiled. Its numbers are held to the course's gradient descent written out in double precision
/// (<see cref="ReferenceNetwork"/>): costs and every parameter. Beyond that, Train's default,
/// <see cref="FirstLayerArithmetic.Direct"/>, promises the same bits as the course's loop of Forward, ComputeCost,
/// Backward and UpdateParameters; the Gram-matrix form is held to the double reference only, in <see cref="GramTrainingTests"/>.
/// </summary>
public sealed class TrainMatchesStepsTests
{
    const int Iterations = 5;
    const float LearningRate = 0.05f, ReferenceLearningRate = 0.01f;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in KernelNetworks.Names)
            foreach (var m in new[] { 1, 4, 7, 209 })
                data.Add(name, m);
        data.Add(nameof(KernelsTail), 300);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Train_FollowsTheDoubleReferencesGradientDescent(string network, int m)
    {
        var trained = KernelNetworks.Create(network);
        trained.Initialize(seed: 7, WeightInit.InverseSqrtFanIn);
        var reference = trained.ToReference();
        var (x, y) = KernelNetworks.Batch(trained, m, seed: 90 + m);

        // A smaller step than the bits test's: at 0.05 one example's output saturates at its label, where the course's
        // formulas, which the reference keeps, give 0 * log(0) and 0 / 0.
        var result = trained.Train(x, y, new TrainingOptions { Iterations = Iterations, LearningRate = ReferenceLearningRate, ReportEvery = 1 });

        var xColumns = ReferenceNetwork.Columns(x, trained.InputSize);
        var yColumns = ReferenceNetwork.Columns(y, trained.OutputSize);
        var referenceCosts = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var caches = reference.Forward(xColumns);
            referenceCosts[i] = reference.Cost(caches.A[reference.LayerCount], yColumns);
            reference.Update(reference.Backward(caches, yColumns), ReferenceLearningRate);
        }

        Assert.Equal(Iterations, result.Costs.Count);
        foreach (var point in result.Costs)
            Assert.True(Math.Abs(point.Cost - referenceCosts[point.Iteration]) <= 1e-4 * Math.Max(referenceCosts[point.Iteration], 1e-3),
                $"cost at iteration {point.Iteration} is {point.Cost:R}, the reference's {referenceCosts[point.Iteration]:R}");
        for (var l = 1; l <= trained.LayerCount; l++)
        {
            NumericAssert.Close(ReferenceNetwork.RowMajor(reference.W[l]), trained.Weights(l), 1e-4, $"W{l} after {Iterations} iterations");
            NumericAssert.Close(reference.B[l], trained.Biases(l), 1e-4, $"b{l} after {Iterations} iterations");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Train_GivesTheSameBitsAsForwardCostBackwardUpdate(string network, int m)
    {
        var trained = KernelNetworks.Create(network);
        var stepped = KernelNetworks.Create(network);
        trained.Initialize(seed: 7, WeightInit.InverseSqrtFanIn);
        stepped.Initialize(seed: 7, WeightInit.InverseSqrtFanIn);
        var (x, y) = KernelNetworks.Batch(trained, m, seed: 90 + m);

        var result = trained.Train(x, y, new TrainingOptions { Iterations = Iterations, LearningRate = LearningRate, ReportEvery = 1 });

        stepped.UseCaches(m);
        var costs = new float[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            costs[i] = stepped.Cost(stepped.Forward(x), y);
            stepped.Backward(y);
            stepped.Update(LearningRate);
        }

        ThreadCountDeterminismTests.AssertSameBits(costs, result.Costs.Select(p => p.Cost).ToArray(), "costs");
        var expected = KernelNetworks.Parameters(stepped);
        var actual = KernelNetworks.Parameters(trained);
        for (var i = 0; i < expected.Length; i++)
            ThreadCountDeterminismTests.AssertSameBits(expected[i], actual[i], $"{(i % 2 == 0 ? "W" : "B")}{i / 2 + 1} after {Iterations} iterations");
    }
}
