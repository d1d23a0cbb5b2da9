using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>The generated <c>Predict</c> overloads: the same outputs as <c>Forward</c>, from any number of threads.</summary>
public sealed class PredictTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[]
        {
            nameof(NumericsSingleLayer), nameof(NumericsCourseNet), nameof(NumericsDeepNarrow), nameof(NumericsWide),
            nameof(NumericsWideColumn), nameof(NumericsNarrowInputTiled), nameof(NumericsPooledPredict), nameof(NumericsMixedTanhLinear),
            nameof(NumericsLanesParallel), nameof(NumericsLanesWideHidden),
        })
            foreach (var m in new[] { 1, 2, 37, 256, 300 })
                data.Add(name, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PredictOfManyExamples_EqualsForwardsAL(string network, int m)
    {
        var net = NumericsNetworks.Create(network);
        net.Initialize(seed: 8, NumericAssert.InitFor(net.Hidden));
        var x = NumericAssert.Uniform(m * net.InputSize, seed: m);

        var predicted = net.Predict(x);
        net.UseCaches(m);
        var al = net.Forward(x);

        // Predict runs the same per-layer kernels as Forward in blocks of examples, so the results are identical.
        NumericAssert.Identical(al, predicted, "Predict(x) against Forward(x)");
        var reference = net.ToReference().Forward(ReferenceNetwork.Columns(x, net.InputSize));
        NumericAssert.Close(ReferenceNetwork.SampleMajor(reference.A[net.LayerCount]), predicted, 1e-4, "Predict(x) against the reference");
    }

    [Theory]
    [InlineData(nameof(NumericsWide), 21)]
    [InlineData(nameof(NumericsPooledPredict), 21)]
    [InlineData(nameof(NumericsDeepNarrow), 21)]
    [InlineData(nameof(NumericsLanesParallel), 300)] // each call wants every core for its blocks; all but one at a time run alone
    public async Task PredictFromManyThreadsAtOnce_GivesTheSingleThreadedResults(string network, int m)
    {
        var net = NumericsNetworks.Create(network);
        net.Initialize(seed: 9, NumericAssert.InitFor(net.Hidden));
        const int threads = 8, rounds = 25;
        // A different input per thread: any buffer shared between calls would mix them up.
        var inputs = Enumerable.Range(0, threads).Select(t => NumericAssert.Uniform(m * net.InputSize, seed: 300 + t)).ToArray();
        var expected = inputs.Select(net.Predict).ToArray();

        using var start = new Barrier(threads);
        var results = new float[threads][][];
        var tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            results[t] = Enumerable.Range(0, rounds).Select(_ => net.Predict(inputs[t])).ToArray();
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);

        for (var t = 0; t < threads; t++)
            for (var r = 0; r < rounds; r++)
                NumericAssert.Identical(expected[t], results[t][r], $"thread {t}, round {r}");
    }

    [Fact]
    public void PredictOfOneExample_EqualsPredictIntoASpan()
    {
        var course = new NumericsCourseNet();
        course.InitializeParameters(3, WeightInit.InverseSqrtFanIn);
        var column = new NumericsWideColumn();
        column.InitializeParameters(3, WeightInit.He);
        var separable = new NumericsSeparable();
        separable.InitializeParameters(3, WeightInit.He);

        for (var seed = 0; seed < 10; seed++)
        {
            Check(NumericAssert.Uniform(NumericsCourseNet.InputSize, seed), course.Predict, course.Predict);
            Check(NumericAssert.Uniform(NumericsWideColumn.InputSize, seed), column.Predict, column.Predict);
            Check(NumericAssert.Uniform(NumericsSeparable.InputSize, seed), separable.Predict, separable.Predict);
        }

        static void Check(float[] x, SinglePredict single, SpanPredict many)
        {
            var output = new float[1];
            many(x, output);
            NumericAssert.Identical(output, [single(x)], "float Predict(x) against Predict(x, output)");
        }
    }

    delegate float SinglePredict(ReadOnlySpan<float> x);

    delegate void SpanPredict(ReadOnlySpan<float> x, Span<float> output);
}
