using System;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>
/// ONNX Runtime at its best settings for one model, batch size and thread count: every graph optimisation, the
/// input and output tensors allocated once over managed arrays and bound to the session (IOBinding), so a run
/// allocates nothing of its own and copies nothing in or out.
/// </summary>
public sealed class OnnxRuntimePeer : IDisposable
{
    readonly InferenceSession session;
    readonly OrtValue input, output;
    readonly OrtIoBinding binding;
    readonly RunOptions runOptions = new();

    /// <param name="modelPath">An ONNX model with input <c>input</c> (batch, inputs) and output <c>output</c> (batch, outputs), as SaveOnnx writes.</param>
    /// <param name="x">The examples, sample-major; read at every run.</param>
    /// <param name="inputs">The inputs per example.</param>
    /// <param name="outputs">The outputs per example.</param>
    /// <param name="threads">ONNX Runtime's intra-op threads (the calling thread included).</param>
    public OnnxRuntimePeer(string modelPath, float[] x, int inputs, int outputs, int threads)
    {
        if (x.Length % inputs != 0) throw new ArgumentException($"x must hold whole examples of {inputs} values, but its length is {x.Length}.", nameof(x));
        var batch = x.Length / inputs;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        session = new InferenceSession(modelPath, options);
        Output = new float[batch * outputs];
        input = OrtValue.CreateTensorValueFromMemory(x, [batch, inputs]);
        output = OrtValue.CreateTensorValueFromMemory(Output, [batch, outputs]);
        binding = session.CreateIoBinding();
        binding.BindInput("input", input);
        binding.BindOutput("output", output);
        binding.SynchronizeBoundInputs();
    }

    /// <summary>What the last <see cref="Run"/> wrote: the outputs, sample-major.</summary>
    public float[] Output { get; }

    /// <summary>One inference of the whole batch into <see cref="Output"/>.</summary>
    public void Run() => session.RunWithBinding(runOptions, binding);

    public void Dispose()
    {
        binding.Dispose();
        input.Dispose();
        output.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }

    /// <summary>
    /// Fails unless NetGen's and ONNX Runtime's outputs agree to float32 rounding (a relative 1e-4 of the largest
    /// output, or 1e-6): the two must compute the same network before their times mean anything.
    /// </summary>
    public static void CheckSame(ReadOnlySpan<float> netgen, ReadOnlySpan<float> onnxRuntime, string what)
    {
        var scale = 0f;
        foreach (var value in onnxRuntime) scale = Math.Max(scale, Math.Abs(value));
        var tolerance = Math.Max(1e-4f * scale, 1e-6f);
        for (var i = 0; i < netgen.Length; i++)
            if (!(Math.Abs(netgen[i] - onnxRuntime[i]) <= tolerance))
                throw new InvalidOperationException($"{what}: NetGen and ONNX Runtime disagree at output {i}: {netgen[i]} against {onnxRuntime[i]} (tolerance {tolerance}).");
    }
}
