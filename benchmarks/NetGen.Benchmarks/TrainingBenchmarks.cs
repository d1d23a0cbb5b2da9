using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// One iteration of the course's training loop on a batch of 209: forward, cost, backward, update. Once through the
/// public step-by-step calls, and per iteration of a <c>Train</c> call of <see cref="TrainIterations"/> iterations in
/// each form of layer 1 (the call's one-off work, such as the Gram matrix, shared by its iterations).
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    const int Examples = 209;
    const float LearningRate = 0.0075f;
    const int TrainIterations = 100;

    readonly CatNet net = new();
    readonly CatNet.Caches caches = new(Examples);
    readonly CatNet.Gradients gradients = new();
    float[] inputs = [];
    float[] labels = [];

    [GlobalSetup]
    public void Setup()
    {
        // Deterministic inputs in [0, 1) and labels 0/1, as benchmarks/peers use; seed 1 weights as in the course.
        var random = new NumpyRandom(0);
        inputs = new float[Examples * CatNet.InputSize];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        labels = new float[Examples];
        for (var i = 0; i < Examples; i++) labels[i] = random.NextDouble() < 0.5 ? 0f : 1f;
        net.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
    }

    /// <summary>Forward, cost, backward and update of 12288-20-7-5-1 on a batch of 209.</summary>
    [Benchmark]
    public float TrainingIteration()
    {
        var al = net.Forward(inputs, caches);
        var cost = CatNet.ComputeCost(al, labels);
        net.Backward(labels, caches, gradients);
        net.UpdateParameters(gradients, LearningRate);
        return cost;
    }

    /// <summary>Train with its default, FirstLayerArithmetic.Direct (the course's arithmetic), the cost recorded every iteration: per iteration.</summary>
    [Benchmark(OperationsPerInvoke = TrainIterations)]
    public float TrainDirect() => Train(FirstLayerArithmetic.Direct);

    /// <summary>Train with FirstLayerArithmetic.GramMatrix, the cost recorded every iteration: per iteration.</summary>
    [Benchmark(OperationsPerInvoke = TrainIterations)]
    public float TrainGramMatrix() => Train(FirstLayerArithmetic.GramMatrix);

    float Train(FirstLayerArithmetic firstLayer) => net.Train(inputs, labels, new TrainingOptions
    {
        Iterations = TrainIterations,
        LearningRate = LearningRate,
        ReportEvery = 1,
        FirstLayer = firstLayer,
    }).FinalCost;
}
