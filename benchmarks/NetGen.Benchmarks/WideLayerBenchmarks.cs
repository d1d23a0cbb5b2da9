using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>[2, 10000, 1]: a wide hidden layer behind 2 inputs (fewer than a vector).</summary>
[Network(2, 10_000, 1)] public partial class Wide2x10k { }

/// <summary>[2, 100000, 1]: ten times as wide.</summary>
[Network(2, 100_000, 1)] public partial class Wide2x100k { }

/// <summary>[16, 10000, 1]: a wide hidden layer behind a whole vector of inputs.</summary>
[Network(16, 10_000, 1)] public partial class Wide16x10k { }

/// <summary>[16, 100000, 1]: ten times as wide.</summary>
[Network(16, 100_000, 1)] public partial class Wide16x100k { }

/// <summary>
/// One example through a wide hidden layer, at two widths ten times apart: linear work takes about ten times as long
/// at the larger width, quadratic work a hundred times (Backward's grouping of units and Forward's clearing of the
/// layer's partial sums per range of units both were).
/// </summary>
[MemoryDiagnoser]
public class WideLayerBenchmarks
{
    readonly Wide2x10k narrowInputs10k = new();
    readonly Wide2x100k narrowInputs100k = new();
    readonly Wide16x10k vectorInputs10k = new();
    readonly Wide16x100k vectorInputs100k = new();
    readonly Wide2x10k.Caches caches2x10k = new(1);
    readonly Wide2x100k.Caches caches2x100k = new(1);
    readonly Wide16x10k.Caches caches16x10k = new(1);
    readonly Wide16x100k.Caches caches16x100k = new(1);
    readonly Wide2x10k.Gradients gradients2x10k = new();
    readonly Wide2x100k.Gradients gradients2x100k = new();
    readonly Wide16x10k.Gradients gradients16x10k = new();
    readonly Wide16x100k.Gradients gradients16x100k = new();
    readonly float[] x2 = [0.25f, -1.5f];
    readonly float[] x16 = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f, 1.1f, 1.2f, 1.3f, 1.4f, 1.5f, 1.6f];
    readonly float[] y = [1f];

    [GlobalSetup]
    public void Setup()
    {
        narrowInputs10k.InitializeParameters(1, WeightInit.He);
        narrowInputs100k.InitializeParameters(1, WeightInit.He);
        vectorInputs10k.InitializeParameters(1, WeightInit.He);
        vectorInputs100k.InitializeParameters(1, WeightInit.He);
    }

    /// <summary>Forward and Backward of one example of [2, 10000, 1].</summary>
    [Benchmark]
    public void Inputs2Units10k()
    {
        narrowInputs10k.Forward(x2, caches2x10k);
        narrowInputs10k.Backward(y, caches2x10k, gradients2x10k);
    }

    /// <summary>Forward and Backward of one example of [2, 100000, 1].</summary>
    [Benchmark]
    public void Inputs2Units100k()
    {
        narrowInputs100k.Forward(x2, caches2x100k);
        narrowInputs100k.Backward(y, caches2x100k, gradients2x100k);
    }

    /// <summary>Forward and Backward of one example of [16, 10000, 1].</summary>
    [Benchmark]
    public void Inputs16Units10k()
    {
        vectorInputs10k.Forward(x16, caches16x10k);
        vectorInputs10k.Backward(y, caches16x10k, gradients16x10k);
    }

    /// <summary>Forward and Backward of one example of [16, 100000, 1].</summary>
    [Benchmark]
    public void Inputs16Units100k()
    {
        vectorInputs100k.Forward(x16, caches16x100k);
        vectorInputs100k.Backward(y, caches16x100k, gradients16x100k);
    }
}
