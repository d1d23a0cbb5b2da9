using System.Linq;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Train fuses layer 1's backward pass, update and next forward pass into one pass over the inputs when that layer
/// is tiled. It must still give the same bits as the course's loop of Forward, ComputeCost, Backward and
/// UpdateParameters: costs and every parameter. That is the promise of Train's default, <see cref="FirstLayerArithmetic.Direct"/>; the
/// Gram-matrix form is held to the double reference instead, in <see cref="GramTrainingTests"/>.
/// </summary>
public sealed class TrainMatchesStepsTests
{
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
    public void TrainGivesTheSameBitsAsForwardCostBackwardUpdate(string network, int m)
    {
        const int iterations = 5;
        const float learningRate = 0.05f;
        var trained = KernelNetworks.Create(network);
        var stepped = KernelNetworks.Create(network);
        trained.Initialize(seed: 7, WeightInit.InverseSqrtFanIn);
        stepped.Initialize(seed: 7, WeightInit.InverseSqrtFanIn);
        var (x, y) = KernelNetworks.Batch(trained, m, seed: 90 + m);

        var result = trained.Train(x, y, new TrainingOptions { Iterations = iterations, LearningRate = learningRate, ReportEvery = 1 });

        stepped.UseCaches(m);
        var costs = new float[iterations];
        for (var i = 0; i < iterations; i++)
        {
            costs[i] = stepped.Cost(stepped.Forward(x), y);
            stepped.Backward(y);
            stepped.Update(learningRate);
        }

        ThreadCountDeterminismTests.AssertSameBits(costs, result.Costs.Select(p => p.Cost).ToArray(), "costs");
        var expected = KernelNetworks.Parameters(stepped);
        var actual = KernelNetworks.Parameters(trained);
        for (var i = 0; i < expected.Length; i++)
            ThreadCountDeterminismTests.AssertSameBits(expected[i], actual[i], $"{(i % 2 == 0 ? "W" : "B")}{i / 2 + 1} after {iterations} iterations");
    }
}
