using System;
using System.Linq;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Tests.Numerics;

/// <summary>The places where float arithmetic or a derivative's definition decide the result: ReLU at 0 and saturated outputs.</summary>
public sealed class ActivationEdgeTests
{
    public static TheoryData<string> ReLUNetworks() => new()
    {
        nameof(NumericsCourseNet),        // lanes: the vector derivative
        nameof(NumericsWide),             // tiled, 40 inputs to layer 2: whole vectors of 4 or 8
        nameof(NumericsWideColumn),       // tiled, 33 inputs to layer 2: vectors and a scalar tail of 1
        nameof(NumericsMixedReLUSigmoid), // tiled 45 -> 6 (vectors and a tail), then lanes 6 -> 2
    };

    [Theory]
    [MemberData(nameof(ReLUNetworks))]
    public void ReLUDerivativeAtExactlyZero_IsZero(string network)
    {
        var net = NumericsNetworks.Create(network);
        net.Initialize(seed: 5, WeightInit.He);
        for (var l = 2; l <= net.LayerCount; l++)
            NumericAssert.Uniform(net.Sizes[l], seed: 40 + l, range: 0.5).CopyTo(net.Biases(l), 0);
        // Every other unit of layer 1 gets zero weights and bias, so its Z is exactly 0 for every example; the
        // course's relu_backward (dZ[Z <= 0] = 0) then gives those units zero gradients, although dA1 is not 0.
        int inputs = net.Sizes[0], units = net.Sizes[1];
        var zeroUnits = Enumerable.Range(0, units).Where(j => j % 2 == 0).ToArray();
        foreach (var j in zeroUnits)
        {
            Array.Clear(net.Weights(1), j * inputs, inputs);
            net.Biases(1)[j] = 0;
        }
        const int m = 9;
        var x = NumericAssert.Uniform(m * inputs, seed: 6);
        var y = NumericAssert.Labels(net.Output, m * net.OutputSize, seed: 7);
        net.UseCaches(m);
        net.Forward(x);
        net.Backward(y);

        foreach (var j in zeroUnits)
        {
            for (var i = 0; i < m; i++) Assert.Equal(0f, net.Activations(1)[i * units + j]);
            Assert.True(net.BiasGradient(1)[j] == 0, $"db1[{j}] is {net.BiasGradient(1)[j]:R}, but Z1[{j}] is 0 for every example, where ReLU' is 0.");
            for (var k = 0; k < inputs; k++)
                Assert.True(net.WeightGradient(1)[j * inputs + k] == 0, $"dW1[{j}, {k}] is {net.WeightGradient(1)[j * inputs + k]:R}; expected 0 (ReLU' at Z = 0).");
        }

        // The other units, and the layers above, still match the reference (which applies ReLU'(0) = 0 too).
        var reference = net.ToReference();
        var gradients = reference.Backward(reference.Forward(ReferenceNetwork.Columns(x, inputs)), ReferenceNetwork.Columns(y, net.OutputSize));
        // The zeros above come from the derivative, not from the gradient flowing in: dA1 of those units is not 0.
        Assert.All(zeroUnits, j => Assert.Contains(Enumerable.Range(0, m), i => Math.Abs(gradients.DA[1][j, i]) > 1e-6));
        for (var l = 1; l <= net.LayerCount; l++)
        {
            NumericAssert.Close(ReferenceNetwork.RowMajor(gradients.DW[l]), net.WeightGradient(l), 1e-4, $"dW{l}");
            NumericAssert.Close(gradients.DB[l], net.BiasGradient(l), 1e-4, $"db{l}");
        }
    }

    [Fact]
    public void CostOfSaturatedOutputs_IsFinite()
    {
        // Outputs that have rounded to exactly 0 or 1, against the wrong labels: log(0) must not surface.
        var cost = NumericsSingleLayer.ComputeCost([0f, 1f, 0f, 1f], [1f, 0f, 0f, 1f]);
        Assert.True(float.IsFinite(cost), $"cost is {cost}");
        // At least as bad as two outputs confidently wrong by 1e-6 (-ln 1e-6 = 13.8 each, over 4 examples).
        Assert.True(cost > 2 * 13.8 / 4, $"cost is {cost}, less than that of outputs 1e-6 from the wrong label");
    }

    [Fact]
    public void CostOfExactlyRightSaturatedOutputs_IsZero()
    {
        var cost = NumericsSingleLayer.ComputeCost([0f, 1f, 1f, 0f, 1f], [0f, 1f, 1f, 0f, 1f]);
        Assert.True(Math.Abs(cost) <= 1e-6, $"cost is {cost:R}; outputs equal to their labels cost nothing");
        var twoOutputs = NumericsSeedDeep432.ComputeCost([1f, 0f, 0f, 1f], [1f, 0f, 0f, 1f]);
        Assert.True(Math.Abs(twoOutputs) <= 1e-6, $"cost is {twoOutputs:R}");
    }

    [Fact]
    public void ForwardAndBackwardThroughASaturatedSigmoid_StayFinite()
    {
        // Weights of 60 on inputs of ±1..±3 give |Z| >= 60: float's sigmoid is exactly 0 or 1 there.
        var net = new NumericsSingleLayer();
        Array.Fill(net.W1, 60f);
        var x = new float[] { 1, 1, 1, 1, 1, 1, -1, -2, -3, -1, -2, -3, 3, 0, 0, 0, 0, 0 };
        var y = new float[] { 0, 1, 1 }; // the first two examples are confidently wrong, the third exactly right
        var caches = new NumericsSingleLayer.Caches(3);
        var gradients = new NumericsSingleLayer.Gradients();

        var al = net.Forward(x, caches).ToArray();
        Assert.Equal([1f, 0f, 1f], al);
        var cost = NumericsSingleLayer.ComputeCost(al, y);
        Assert.True(float.IsFinite(cost) && cost > 10, $"cost is {cost}");

        net.Backward(y, caches, gradients);
        // The limit of the cross-entropy gradient is dZ = sigmoid(Z) - Y, which here is exactly AL - Y.
        for (var k = 0; k < 6; k++)
        {
            var expected = ((1 - 0) * x[k] + (0 - 1) * x[6 + k] + (1 - 1) * x[12 + k]) / 3.0;
            if (!(Math.Abs(gradients.DW1[k] - expected) <= 1e-6))
                throw new XunitException($"dW1[{k}] is {gradients.DW1[k]:R}, expected {expected:R}.");
        }
        Assert.Equal((1 - 0 + 0 - 1 + 1 - 1) / 3f, gradients.DB1[0], 6);
    }
}
