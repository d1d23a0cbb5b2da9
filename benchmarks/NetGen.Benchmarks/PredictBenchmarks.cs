using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks;

/// <summary>Predict of one example of the cat network: 245,760 of its 245,935 multiply-adds are in the first layer.</summary>
[MemoryDiagnoser]
public class CatPredictBenchmarks
{
    readonly CatNet net = new();
    float[] example = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new NumpyRandom(0);
        example = new float[CatNet.InputSize];
        for (var i = 0; i < example.Length; i++) example[i] = (float)random.NextDouble();
        net.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
    }

    [Benchmark(Description = "Predict one example, 12288-20-7-5-1")]
    public float Predict() => net.Predict(example);
}

/// <summary>Predict of one example of a small network: generated and unrolled, against a run-time-sized loop.</summary>
[MemoryDiagnoser]
public class SmallPredictBenchmarks
{
    readonly SmallNet generated = new();
    readonly RuntimeSizedNetwork baseline = new(SmallNet.InputSize, 8, 8, SmallNet.OutputSize);
    readonly float[] example = [0.25f, -0.5f, 0.75f, 1f];

    [GlobalSetup]
    public void Setup()
    {
        generated.InitializeParameters(1, WeightInit.He);
        for (var l = 1; l <= SmallNet.LayerCount; l++)
        {
            var (weights, biases) = l switch
            {
                1 => (generated.W1, generated.B1),
                2 => (generated.W2, generated.B2),
                _ => (generated.W3, generated.B3),
            };
            weights.CopyTo(baseline.Weights(l), 0);
            // Non-zero biases, the same in both, so that every unit does its whole job.
            for (var j = 0; j < biases.Length; j++) biases[j] = baseline.Biases(l)[j] = 0.01f * (j + 1);
        }
        if (generated.Predict(example) != baseline.Predict(example))
        {
            // Summation orders may differ in the last bit; anything more means the two networks differ.
            var difference = System.Math.Abs(generated.Predict(example) - baseline.Predict(example));
            if (difference > 1e-6f) throw new System.InvalidOperationException($"The generated and the run-time-sized network disagree by {difference}.");
        }
    }

    [Benchmark(Baseline = true, Description = "Predict one example, 4-8-8-1, run-time sizes")]
    public float RuntimeSized() => baseline.Predict(example);

    [Benchmark(Description = "Predict one example, 4-8-8-1, NetGen")]
    public float Generated() => generated.Predict(example);
}
