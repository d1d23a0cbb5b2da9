using System;
using System.Linq;
using NetGen.Tests.Numerics;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>The softmax output with categorical cross-entropy against the double reference and finite differences.</summary>
public sealed class SoftmaxTests
{
    const int M = 6;

    static int[] Classes(int count, int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
    }

    [Fact]
    public void LabelledOutputsFinite_IsWhetherTheDoubleCategoricalCostIsFinite()
    {
        // The reference: -sum(y log(max(al, eps))) over the labelled outputs, straightforwardly in double. Bad values go
        // at labelled and unlabelled outputs, in a vector's body and in the tail after the last whole vector.
        const int classes = 10, examples = 7;
        var y = new float[classes * examples];
        for (var i = 0; i < examples; i++) y[i * classes + (3 * i) % classes] = 1f;
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, 0.5f })
            for (var at = 0; at < y.Length; at++)
            {
                var al = Enumerable.Range(0, y.Length).Select(i => 0.1f).ToArray();
                al[at] = bad;
                double cost = 0;
                for (var i = 0; i < al.Length; i++)
                    if (y[i] != 0f) cost -= y[i] * Math.Log(Math.Max(al[i], (double)float.Epsilon));
                Assert.Equal(double.IsFinite(cost), NetGen.Kernels.CrossEntropy.LabelledOutputsFinite(al, y));
            }
        Assert.Throws<ArgumentException>(() => NetGen.Kernels.CrossEntropy.LabelledOutputsFinite(new float[3], new float[4]));
    }

    [Fact]
    public void Small_ForwardCostAndGradients_MatchTheReferenceAndFiniteDifferences()
    {
        var net = new SoftmaxSmall();
        net.InitializeParameters(4, WeightInit.He);
        var x = NumericAssert.Uniform(M * 5, seed: 1, range: 2);
        var y = SoftmaxSmall.OneHot(Classes(M, 4, seed: 2));
        var caches = new SoftmaxSmall.Caches(M);
        var gradients = new SoftmaxSmall.Gradients();
        var al = net.Forward(x, caches).ToArray();
        var cost = SoftmaxSmall.ComputeCost(al, y);
        net.Backward(y, caches, gradients);

        var reference = ReferenceNetwork.FromParameters([5, 6, 4], Activation.ReLU, Activation.Softmax, l => l == 1 ? net.W1 : net.W2, l => l == 1 ? net.B1 : net.B2);
        double[,] xc = ReferenceNetwork.Columns(x, 5), yc = ReferenceNetwork.Columns(y, 4);
        NumericAssert.Close(ReferenceNetwork.SampleMajor(reference.Forward(xc).A[2]), al, 1e-6, "AL");
        NumericAssert.Close([reference.CostOf(xc, yc)], [cost], 1e-6, "cost");
        for (var i = 0; i < M; i++) Assert.Equal(1f, al.Skip(i * 4).Take(4).Sum(), 5);

        var generated = new ReferenceGradients(
            [new double[0, 0], FiniteDifferenceTests.Matrix(gradients.DW1, 6, 5), FiniteDifferenceTests.Matrix(gradients.DW2, 4, 6)],
            [[], gradients.DB1.Select(v => (double)v).ToArray(), gradients.DB2.Select(v => (double)v).ToArray()], DA: []);
        foreach (var (name, analytic, numeric) in FiniteDifferenceTests.Compare(reference, reference.Backward(reference.Forward(xc), yc), xc, yc, everyParameter: true))
            NumericAssert.Close(numeric, analytic, 1e-6, "reference " + name);
        foreach (var (name, analytic, numeric) in FiniteDifferenceTests.Compare(reference, generated, xc, yc, everyParameter: true))
            NumericAssert.Close(numeric, analytic, 1e-4, "NetGen " + name);
    }

    [Fact]
    public void TiledLayers_ForwardAndGradients_MatchTheReference()
    {
        var net = new SoftmaxWide();
        net.InitializeParameters(5, WeightInit.He);
        var x = NumericAssert.Uniform(M * 300, seed: 3);
        var y = SoftmaxWide.OneHot(Classes(M, 10, seed: 4));
        var caches = new SoftmaxWide.Caches(M);
        var gradients = new SoftmaxWide.Gradients();
        var al = net.Forward(x, caches).ToArray();
        net.Backward(y, caches, gradients);
        var reference = ReferenceNetwork.FromParameters([300, 40, 10], Activation.ReLU, Activation.Softmax, l => l == 1 ? net.W1 : net.W2, l => l == 1 ? net.B1 : net.B2);
        double[,] xc = ReferenceNetwork.Columns(x, 300), yc = ReferenceNetwork.Columns(y, 10);
        var caches64 = reference.Forward(xc);
        NumericAssert.Close(ReferenceNetwork.SampleMajor(caches64.A[2]), al, 1e-5, "AL");
        var expected = reference.Backward(caches64, yc);
        NumericAssert.Close(ReferenceNetwork.RowMajor(expected.DW[1]), gradients.DW1, 1e-4, "dW1");
        NumericAssert.Close(ReferenceNetwork.RowMajor(expected.DW[2]), gradients.DW2, 1e-4, "dW2");

        var tiled = new SoftmaxTiledOutput();
        tiled.InitializeParameters(6);
        var xt = NumericAssert.Uniform(M * 8, seed: 7);
        var tiledCaches = new SoftmaxTiledOutput.Caches(M);
        var tiledAl = tiled.Forward(xt, tiledCaches).ToArray();
        var tiledReference = ReferenceNetwork.FromParameters([8, 40, 50], Activation.Tanh, Activation.Softmax, l => l == 1 ? tiled.W1 : tiled.W2, l => l == 1 ? tiled.B1 : tiled.B2);
        NumericAssert.Close(ReferenceNetwork.SampleMajor(tiledReference.Forward(ReferenceNetwork.Columns(xt, 8)).A[2]), tiledAl, 1e-5, "tiled output AL");
    }

    [Fact]
    public void FullBatchTrain_OnTheFastPaths_IsGradientDescentOnTheReference()
    {
        // SoftmaxWide's layer 1 is tiled (Train's fused step and Gram form); SoftmaxSingleTiled's only layer is a tiled
        // softmax. Three full-batch iterations each, against the reference's gradient descent.
        const float rate = 0.1f;
        var wide = new SoftmaxWide();
        wide.InitializeParameters(3, WeightInit.He);
        var x = NumericAssert.Uniform(M * 300, seed: 13);
        var y = SoftmaxWide.OneHot(Classes(M, 10, seed: 14));
        var reference = ReferenceNetwork.FromParameters([300, 40, 10], Activation.ReLU, Activation.Softmax, l => l == 1 ? wide.W1 : wide.W2, l => l == 1 ? wide.B1 : wide.B2);
        foreach (var algorithm in new[] { FirstLayerArithmetic.Direct, FirstLayerArithmetic.GramMatrix })
        {
            var net = new SoftmaxWide();
            wide.W1.CopyTo(net.W1, 0);
            wide.W2.CopyTo(net.W2, 0);
            var result = net.Train(x, y, new TrainingOptions { Iterations = 3, LearningRate = rate, FirstLayer = algorithm, ReportEvery = 1 });
            var expected = reference.Clone();
            double[,] xc = ReferenceNetwork.Columns(x, 300), yc = ReferenceNetwork.Columns(y, 10);
            for (var i = 0; i < 3; i++)
            {
                var caches = expected.Forward(xc);
                Assert.Equal(expected.Cost(caches.A[2], yc), result.Costs[i].Cost, 4);
                expected.Update(expected.Backward(caches, yc), rate);
            }
            NumericAssert.Close(ReferenceNetwork.RowMajor(expected.W[2]), net.W2, 1e-4, $"W2 ({algorithm})");
        }

        var single = new SoftmaxSingleTiled();
        single.InitializeParameters(4);
        var xs = NumericAssert.Uniform(M * 40, seed: 15);
        var ys = SoftmaxSingleTiled.OneHot(Classes(M, 10, seed: 16));
        var singleReference = ReferenceNetwork.FromParameters([40, 10], Activation.ReLU, Activation.Softmax, _ => single.W1, _ => single.B1);
        single.Train(xs, ys, new TrainingOptions { Iterations = 3, LearningRate = rate });
        double[,] xsc = ReferenceNetwork.Columns(xs, 40), ysc = ReferenceNetwork.Columns(ys, 10);
        for (var i = 0; i < 3; i++) singleReference.Update(singleReference.Backward(singleReference.Forward(xsc), ysc), rate);
        NumericAssert.Close(ReferenceNetwork.RowMajor(singleReference.W[1]), single.W1, 1e-4, "single softmax layer W1");
    }

    [Fact]
    public void Predict_AndPredictClass_AgreeWithForward()
    {
        var net = new SoftmaxWide();
        net.InitializeParameters(8, WeightInit.He);
        var x = NumericAssert.Uniform(M * 300, seed: 9, range: 3);
        var forward = net.Forward(x, new SoftmaxWide.Caches(M)).ToArray();
        var predicted = new float[M * 10];
        net.Predict(x, predicted);
        NumericAssert.Close(forward.Select(v => (double)v).ToArray(), predicted, 1e-6, "Predict");
        var classes = new int[M];
        net.PredictClasses(x, classes);
        for (var i = 0; i < M; i++)
        {
            var row = forward.AsSpan(i * 10, 10).ToArray();
            Assert.Equal(Array.IndexOf(row, row.Max()), classes[i]);
            Assert.Equal(classes[i], net.PredictClass(x.AsSpan(i * 300, 300)));
        }
    }

    [Fact]
    public void LargeLogits_StayFinite()
    {
        var net = new SoftmaxSmall();
        Array.Fill(net.W1, 0f);
        Array.Fill(net.W2, 0f);
        Array.Fill(net.B1, 1f);
        net.W2[0] = 1000f; // z of class 0 is 6000 for every example: e^z overflows unless the max is subtracted
        var x = new float[2 * 5];
        var output = new float[2 * 4];
        net.Predict(x, output);
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f], output);
        var cost = SoftmaxSmall.ComputeCost(output, SoftmaxSmall.OneHot([1, 2]));
        Assert.True(float.IsFinite(cost) && cost > 80, $"cost {cost}");
    }

    [Fact]
    public void Labels_MustBeOneHot_AndClassesInRange()
    {
        var net = new SoftmaxSmall();
        net.InitializeParameters(1);
        var y = SoftmaxSmall.OneHot([3, 0]);
        y[1] = 0.5f;
        var error = Assert.Throws<ArgumentException>(() => net.Train(new float[10], y, new TrainingOptions { Iterations = 1 }));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("example 0", error.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxSmall.OneHot([1, 4]));
        Assert.Contains("Example 1's class must be 0 to 3, but it is 4", range.Message);
    }

    [Fact]
    public void Training_LearnsFourSeparableClasses()
    {
        // Four classes by the sign of the first two inputs: a ReLU layer separates them.
        var random = new Random(12);
        const int m = 200;
        var x = Enumerable.Range(0, m * 5).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var classes = Enumerable.Range(0, m).Select(i => (x[i * 5] > 0 ? 1 : 0) + (x[i * 5 + 1] > 0 ? 2 : 0)).ToArray();
        var net = new SoftmaxSmall();
        net.InitializeParameters(2, WeightInit.He);
        var result = net.Train(x, SoftmaxSmall.OneHot(classes), new TrainingOptions { Epochs = 300, MiniBatchSize = 32, Optimizer = Optimizer.Adam, LearningRate = 0.01f });
        var predicted = new int[m];
        net.PredictClasses(x, predicted);
        Assert.True(predicted.Zip(classes).Count(p => p.First == p.Second) >= 0.95 * m);
        Assert.True(result.FinalCost < result.Costs[0].Cost / 4);
    }
}
