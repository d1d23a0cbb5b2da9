using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks;

/// <summary>[2, 10, 5, 1]: every layer small, so every batch path runs a vector of examples at a time (issue 13's small-network row).</summary>
[Network(2, 10, 5, 1)]
public partial class TinyNet
{
}

/// <summary>
/// Small networks in batch paths: a full-batch training step of [2, 10, 5, 1] on 300 examples (forward, cost, backward,
/// update, as the course's numpy loop does per iteration, and per iteration of Train), and Predict of 256 examples of
/// [64, 32, 10] (ONNX Runtime's row in issue 13).
/// </summary>
/// <remarks>Min is shown: on a shared machine it is the figure least disturbed by other work.</remarks>
[MemoryDiagnoser, MinColumn]
public class LaneBenchmarks
{
    const int TinyExamples = 300, DigitsExamples = 256, TrainIterations = 100;

    readonly TinyNet tiny = new();
    readonly TinyNet.Caches caches = new(TinyExamples);
    readonly TinyNet.Gradients gradients = new();
    readonly DigitsNet digits = new();
    float[] x = [], y = [], digitsX = [], digitsOutput = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new NumpyRandom(0);
        x = new float[TinyExamples * TinyNet.InputSize];
        for (var i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        y = new float[TinyExamples];
        for (var i = 0; i < y.Length; i++) y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1f : 0f;
        tiny.InitializeParameters(1, WeightInit.He);
        digitsX = new float[DigitsExamples * DigitsNet.InputSize];
        for (var i = 0; i < digitsX.Length; i++) digitsX[i] = (float)(random.NextDouble() * 16);
        digitsOutput = new float[DigitsExamples * DigitsNet.OutputSize];
        digits.InitializeParameters(1, WeightInit.He);
    }

    /// <summary>Forward, cost, backward and update of [2, 10, 5, 1] on 300 examples, through the public calls.</summary>
    [Benchmark]
    public float TinyTrainingStep()
    {
        var al = tiny.Forward(x, caches);
        var cost = TinyNet.ComputeCost(al, y);
        tiny.Backward(y, caches, gradients);
        tiny.UpdateParameters(gradients, 0.01f);
        return cost;
    }

    /// <summary>Train of [2, 10, 5, 1] on 300 examples, full batch, the cost recorded every 100 iterations: per iteration.</summary>
    [Benchmark(OperationsPerInvoke = TrainIterations)]
    public int TinyTrain() => tiny.Train(x, y, new TrainingOptions { Iterations = TrainIterations, LearningRate = 0.01f, ReportEvery = TrainIterations }).IterationsCompleted;

    /// <summary>Predict of 256 examples of [64, 32, 10] (softmax).</summary>
    [Benchmark]
    public float DigitsPredict()
    {
        digits.Predict(digitsX, digitsOutput);
        return digitsOutput[0];
    }
}
