using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// Predict side by side with ONNX Runtime on the same weights (an ONNX model written by NetGen's SaveOnnx, or by
/// PyTorch where SaveOnnx cannot write the network) and the same examples:
/// NetGen's <c>Predict(x, output)</c> (its default threads, every core) against ONNX Runtime with 1 and with 2
/// intra-op threads, each at its best settings (<see cref="OnnxRuntimePeer"/>). The setup checks that both give the
/// same outputs before anything is timed.
/// </summary>
[MemoryDiagnoser]
public abstract class OnnxRuntimeComparison
{
    float[] x = [], output = [];
    string model = "";
    bool temporaryModel;
    OnnxRuntimePeer oneThread = null!, twoThreads = null!;

    /// <summary>Examples per Predict.</summary>
    protected abstract int Examples { get; }

    protected abstract int InputSize { get; }

    protected abstract int OutputSize { get; }

    /// <summary>
    /// Gives NetGen's network numpy-seeded weights and small non-zero biases (so that every unit does its whole job)
    /// and returns an ONNX model of the same weights, and whether it is a temporary file to delete afterwards.
    /// </summary>
    protected abstract (string Path, bool Temporary) Prepare();

    /// <summary>NetGen's weights written by SaveOnnx to a temporary file.</summary>
    protected static (string, bool) Saved(Action<string> saveOnnx)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netgen-bench-{Guid.NewGuid():N}.onnx");
        saveOnnx(path);
        return (path, true);
    }

    protected abstract void Predict(ReadOnlySpan<float> x, Span<float> output);

    /// <summary>Sets every bias of a layer to 0.01 (j + 1).</summary>
    protected static void SetBiases(float[] biases)
    {
        for (var j = 0; j < biases.Length; j++) biases[j] = 0.01f * (j + 1);
    }

    [GlobalSetup]
    public void Setup()
    {
        (model, temporaryModel) = Prepare();
        var random = new NumpyRandom(0);
        x = new float[Examples * InputSize];
        for (var i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        output = new float[Examples * OutputSize];
        oneThread = new OnnxRuntimePeer(model, x, InputSize, OutputSize, threads: 1);
        twoThreads = new OnnxRuntimePeer(model, x, InputSize, OutputSize, threads: 2);
        NetGen();
        OnnxRuntime1Thread();
        OnnxRuntime2Threads();
        var what = $"{GetType().Name}, {Examples} example(s)";
        OnnxRuntimePeer.CheckSame(output, oneThread.Output, what + ", 1 thread");
        OnnxRuntimePeer.CheckSame(output, twoThreads.Output, what + ", 2 threads");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        oneThread.Dispose();
        twoThreads.Dispose();
        if (temporaryModel) File.Delete(model);
    }

    [Benchmark(Baseline = true)]
    public void NetGen() => Predict(x, output);

    [Benchmark]
    public void OnnxRuntime1Thread() => oneThread.Run();

    [Benchmark]
    public void OnnxRuntime2Threads() => twoThreads.Run();
}

/// <summary>The cat network 12288-20-7-5-1: one example and the course's training batch of 209.</summary>
public class CatOnnxRuntimeComparison : OnnxRuntimeComparison
{
    readonly CatNet net = new();

    [Params(1, 209)]
    public int Batch { get; set; }

    protected override int Examples => Batch;
    protected override int InputSize => CatNet.InputSize;
    protected override int OutputSize => CatNet.OutputSize;

    protected override (string, bool) Prepare()
    {
        net.InitializeParameters(1, WeightInit.InverseSqrtFanIn);
        SetBiases(net.B1); SetBiases(net.B2); SetBiases(net.B3); SetBiases(net.B4);
        return Saved(net.SaveOnnx);
    }

    protected override void Predict(ReadOnlySpan<float> x, Span<float> output) => net.Predict(x, output);
}

/// <summary>The Digits network 64-32-10 with a softmax output: one example and a batch of 256.</summary>
public class DigitsOnnxRuntimeComparison : OnnxRuntimeComparison
{
    readonly DigitsNet net = new();

    [Params(1, 256)]
    public int Batch { get; set; }

    protected override int Examples => Batch;
    protected override int InputSize => DigitsNet.InputSize;
    protected override int OutputSize => DigitsNet.OutputSize;

    /// <summary>
    /// The softmax model and its weights come from PyTorch (Models/, written by benchmarks/peers/export_digits_onnx.py),
    /// an export independent of NetGen's own SaveOnnx; NetGen loads the same weights from the .npz.
    /// </summary>
    protected override (string, bool) Prepare()
    {
        var models = Path.Combine(AppContext.BaseDirectory, "Models");
        net.LoadParameters(Path.Combine(models, "digits-64-32-10.npz"));
        return (Path.Combine(models, "digits-64-32-10.onnx"), false);
    }

    protected override void Predict(ReadOnlySpan<float> x, Span<float> output) => net.Predict(x, output);
}

/// <summary>The small network 4-8-8-1: one example.</summary>
public class SmallOnnxRuntimeComparison : OnnxRuntimeComparison
{
    readonly SmallNet net = new();

    protected override int Examples => 1;
    protected override int InputSize => SmallNet.InputSize;
    protected override int OutputSize => SmallNet.OutputSize;

    protected override (string, bool) Prepare()
    {
        net.InitializeParameters(1, WeightInit.He);
        SetBiases(net.B1); SetBiases(net.B2); SetBiases(net.B3);
        return Saved(net.SaveOnnx);
    }

    protected override void Predict(ReadOnlySpan<float> x, Span<float> output) => net.Predict(x, output);
}
