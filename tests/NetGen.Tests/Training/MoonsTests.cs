using System;
using System.Linq;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// The sequel's "Optimization methods" run: [2, 5, 2, 1], He seed 3, learning rate 0.0007, mini-batches of 64, 10000
/// epochs on the moons data. Published train accuracies: 0.797 (gradient descent), 0.797 (momentum), 0.94 (Adam);
/// Fixtures/Moons/peer.npz holds the numpy peer's (benchmarks/peers/moons_numpy.py) cost curve and accuracy.
/// </summary>
public sealed class MoonsTests
{
    [Theory]
    [InlineData(Optimizer.GradientDescent, "gd", 0.797)]
    [InlineData(Optimizer.Momentum, "momentum", 0.797)]
    [InlineData(Optimizer.Adam, "adam", 0.94)]
    public void PublishedAccuracy_AndThePeersCostCurve(Optimizer optimizer, string peerName, double published)
    {
        var (x, y) = Moons.Load();
        var net = new MoonsNet();
        net.InitializeParameters(3, WeightInit.He);
        var result = net.Train(x, y, new TrainingOptions { Epochs = 10000, MiniBatchSize = 64, Optimizer = optimizer, LearningRate = 0.0007f });

        var output = new float[y.Length];
        net.Predict(x, output);
        var accuracy = output.Zip(y, (p, label) => (p > 0.5f) == (label == 1f) ? 1.0 : 0.0).Average();
        var peer = Npz.Read(Fixture.Path("Moons/peer.npz"));
        Assert.Equal(published, accuracy, 3);
        Assert.Equal(peer["accuracy_" + peerName].ToDoubleArray()[0], accuracy, 6);

        // The same epochs recorded (0, 100, ..., 9900, 9999) and the float run within 1e-3 of numpy's float64 one.
        var costs = peer["costs_" + peerName].ToDoubleArray();
        Assert.Equal(costs.Length, result.Costs.Count);
        for (var i = 0; i < costs.Length; i++)
            Assert.True(Math.Abs(costs[i] - result.Costs[i].Cost) < 1e-3,
                $"epoch {result.Costs[i].Iteration}: NetGen {result.Costs[i].Cost}, numpy {costs[i]}");
    }
}
