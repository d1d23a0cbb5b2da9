using System;

namespace NetGen.Tests.Numerics;

/// <summary>
/// The course's L-layer network written out plainly in double precision, as an independent reference for the
/// generated code. It deliberately uses numpy's column layout of the course — activations are (n_l, m), one column
/// per example — and the course's formulas as printed (derivatives taken at Z, the output's dAL written out),
/// where NetGen is sample-major float code that takes derivatives at A and starts from dZ = AL - Y.
/// </summary>
public sealed class ReferenceNetwork
{
    /// <summary>LeakyReLU's slope for negative inputs, as NetGen documents it.</summary>
    public const double LeakySlope = 0.01;

    /// <summary>A network with the given sizes n0..nL and all parameters zero.</summary>
    public ReferenceNetwork(int[] sizes, Activation hidden, Activation output)
    {
        if (sizes.Length < 2) throw new ArgumentException("A network needs at least an input and an output size.", nameof(sizes));
        Sizes = (int[])sizes.Clone();
        Hidden = hidden;
        Output = output;
        W = new double[LayerCount + 1][,];
        B = new double[LayerCount + 1][];
        for (var l = 1; l <= LayerCount; l++)
        {
            W[l] = new double[sizes[l], sizes[l - 1]];
            B[l] = new double[sizes[l]];
        }
    }

    /// <summary>n0 (input) .. nL (output).</summary>
    public int[] Sizes { get; }

    /// <summary>L: the number of weight layers.</summary>
    public int LayerCount => Sizes.Length - 1;

    /// <summary>The activation of layers 1..L-1.</summary>
    public Activation Hidden { get; }

    /// <summary>The activation of layer L, which also chooses the cost.</summary>
    public Activation Output { get; }

    /// <summary><c>W[l]</c> is the (n_l, n_{l-1}) weight matrix of layer l (index 0 unused).</summary>
    public double[][,] W { get; }

    /// <summary><c>B[l]</c> is the bias column of layer l (index 0 unused).</summary>
    public double[][] B { get; }

    /// <summary>A copy of the generated network's float parameters, widened exactly to double.</summary>
    public static ReferenceNetwork FromParameters(int[] sizes, Activation hidden, Activation output, Func<int, float[]> weights, Func<int, float[]> biases)
    {
        var network = new ReferenceNetwork(sizes, hidden, output);
        for (var l = 1; l <= network.LayerCount; l++)
        {
            var w = weights(l);
            for (var j = 0; j < sizes[l]; j++)
                for (var k = 0; k < sizes[l - 1]; k++)
                    network.W[l][j, k] = w[j * sizes[l - 1] + k];
            var b = biases(l);
            for (var j = 0; j < sizes[l]; j++) network.B[l][j] = b[j];
        }
        return network;
    }

    /// <summary>A deep copy.</summary>
    public ReferenceNetwork Clone()
    {
        var copy = new ReferenceNetwork(Sizes, Hidden, Output);
        for (var l = 1; l <= LayerCount; l++)
        {
            Array.Copy(W[l], copy.W[l], W[l].Length);
            Array.Copy(B[l], copy.B[l], B[l].Length);
        }
        return copy;
    }

    /// <summary>The course's <c>lambd</c>: the cost gains lambd/(2m) sum W², each dW gains lambd/m W.</summary>
    public double Lambda { get; set; }

    /// <summary>
    /// Fixed dropout masks, the course's D[l] of shape (n_l, m) holding 0 or 1, for hidden layers 1..L-1 (index 0 and
    /// L unused); null is no dropout. With them the forward pass is <c>forward_propagation_with_dropout</c>
    /// (A = A * D / keep_prob) and the backward pass <c>backward_propagation_with_dropout</c>.
    /// </summary>
    public double[][,]? DropoutMasks { get; set; }

    /// <summary>The course's <c>keep_prob</c>, used with <see cref="DropoutMasks"/>.</summary>
    public double KeepProbability { get; set; } = 1;

    /// <summary>The activation of layer <paramref name="layer"/>.</summary>
    public Activation ActivationOf(int layer) => layer == LayerCount ? Output : Hidden;

    /// <summary><c>L_model_forward</c>: Z[l] = W[l] A[l-1] + b[l], A[l] = g(Z[l]); A[0] is X, (n0, m).</summary>
    public ReferenceCaches Forward(double[,] x)
    {
        if (x.GetLength(0) != Sizes[0]) throw new ArgumentException($"X must have {Sizes[0]} rows, not {x.GetLength(0)}.", nameof(x));
        var m = x.GetLength(1);
        var z = new double[LayerCount + 1][,];
        var a = new double[LayerCount + 1][,];
        a[0] = x;
        for (var l = 1; l <= LayerCount; l++)
        {
            z[l] = new double[Sizes[l], m];
            a[l] = new double[Sizes[l], m];
            for (var j = 0; j < Sizes[l]; j++)
                for (var i = 0; i < m; i++)
                {
                    var sum = B[l][j];
                    for (var k = 0; k < Sizes[l - 1]; k++) sum += W[l][j, k] * a[l - 1][k, i];
                    z[l][j, i] = sum;
                    a[l][j, i] = Activate(ActivationOf(l), sum);
                    if (DropoutMasks is { } masks && l < LayerCount) a[l][j, i] = a[l][j, i] * masks[l][j, i] / KeepProbability;
                }
            if (ActivationOf(l) == Activation.Softmax) SoftmaxColumns(z[l], a[l]);
        }
        return new ReferenceCaches(z, a);
    }

    /// <summary>
    /// <c>compute_cost</c>: for a sigmoid output <c>-(1/m) sum(y log a + (1-y) log(1-a))</c> over every output,
    /// for a linear output <c>(1/m) sum((a-y)^2 / 2)</c>.
    /// </summary>
    public double Cost(double[,] al, double[,] y)
    {
        var m = al.GetLength(1);
        var sum = 0.0;
        for (var j = 0; j < al.GetLength(0); j++)
            for (var i = 0; i < m; i++)
            {
                double a = al[j, i], t = y[j, i];
                sum += Output switch
                {
                    Activation.Sigmoid => -(t * Math.Log(a) + (1 - t) * Math.Log(1 - a)),
                    Activation.Softmax => -t * Math.Log(a),
                    _ => 0.5 * (a - t) * (a - t),
                };
            }
        var squares = 0.0;
        if (Lambda != 0)
            for (var l = 1; l <= LayerCount; l++)
                foreach (var w in W[l]) squares += w * w;
        return sum / m + Lambda / (2.0 * m) * squares;
    }

    /// <summary>The cost of the current parameters on (X, Y): forward, then <see cref="Cost"/>.</summary>
    public double CostOf(double[,] x, double[,] y) => Cost(Forward(x).A[LayerCount], y);

    /// <summary>
    /// <c>L_model_backward</c> as the course writes it: dAL from the cost, then for each layer
    /// dZ = dA * g'(Z), dW = (1/m) dZ A_prev^T, db = (1/m) sum over examples of dZ, dA_prev = W^T dZ.
    /// </summary>
    public ReferenceGradients Backward(ReferenceCaches caches, double[,] y)
    {
        var al = caches.A[LayerCount];
        int outputs = al.GetLength(0), m = al.GetLength(1);
        var dW = new double[LayerCount + 1][,];
        var db = new double[LayerCount + 1][];
        var dAs = new double[LayerCount + 1][,];

        // dAL: the derivative of one example's loss with respect to its output (the 1/m comes in dW and db).
        var dA = dAs[LayerCount] = new double[outputs, m];
        for (var j = 0; j < outputs; j++)
            for (var i = 0; i < m; i++)
            {
                double a = al[j, i], t = y[j, i];
                dA[j, i] = Output == Activation.Sigmoid ? -(t / a - (1 - t) / (1 - a)) : a - t;
            }

        for (var l = LayerCount; l >= 1; l--)
        {
            int units = Sizes[l], inputs = Sizes[l - 1];
            if (DropoutMasks is { } masks && l < LayerCount)
                for (var j = 0; j < units; j++)
                    for (var i = 0; i < m; i++)
                        dA[j, i] = dA[j, i] * masks[l][j, i] / KeepProbability;
            var dZ = new double[units, m];
            for (var j = 0; j < units; j++)
                for (var i = 0; i < m; i++)
                    dZ[j, i] = ActivationOf(l) == Activation.Softmax
                        ? al[j, i] - y[j, i] // softmax with categorical cross-entropy: the textbook dZ, checked by finite differences
                        : dA[j, i] * Derivative(ActivationOf(l), caches.Z[l][j, i]);

            dW[l] = new double[units, inputs];
            db[l] = new double[units];
            for (var j = 0; j < units; j++)
            {
                for (var k = 0; k < inputs; k++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < m; i++) sum += dZ[j, i] * caches.A[l - 1][k, i];
                    dW[l][j, k] = sum / m + Lambda / m * W[l][j, k];
                }
                var bias = 0.0;
                for (var i = 0; i < m; i++) bias += dZ[j, i];
                db[l][j] = bias / m;
            }

            var dAPrevious = new double[inputs, m];
            for (var k = 0; k < inputs; k++)
                for (var i = 0; i < m; i++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < units; j++) sum += W[l][j, k] * dZ[j, i];
                    dAPrevious[k, i] = sum;
                }
            dA = dAs[l - 1] = dAPrevious;
        }
        return new ReferenceGradients(dW, db, dAs);
    }

    /// <summary><c>update_parameters</c>: W -= learningRate * dW, b -= learningRate * db.</summary>
    public void Update(ReferenceGradients gradients, double learningRate)
    {
        for (var l = 1; l <= LayerCount; l++)
        {
            for (var j = 0; j < Sizes[l]; j++)
            {
                for (var k = 0; k < Sizes[l - 1]; k++) W[l][j, k] -= learningRate * gradients.DW[l][j, k];
                B[l][j] -= learningRate * gradients.DB[l][j];
            }
        }
    }

    /// <summary>Softmax of each column of <paramref name="z"/> into <paramref name="a"/>, in the plain form e^z / sum e^z.</summary>
    static void SoftmaxColumns(double[,] z, double[,] a)
    {
        for (var i = 0; i < z.GetLength(1); i++)
        {
            var sum = 0.0;
            for (var j = 0; j < z.GetLength(0); j++) sum += Math.Exp(z[j, i]);
            for (var j = 0; j < z.GetLength(0); j++) a[j, i] = Math.Exp(z[j, i]) / sum;
        }
    }

    /// <summary>g(z) for each activation option.</summary>
    public static double Activate(Activation activation, double z) => activation switch
    {
        Activation.ReLU => Math.Max(0, z),
        Activation.LeakyReLU => z > 0 ? z : LeakySlope * z,
        Activation.Tanh => Math.Tanh(z),
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Linear => z,
        Activation.Softmax => z, // Forward then normalises the whole column
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>g'(z), taken at Z as the course's <c>relu_backward</c> / <c>sigmoid_backward</c> do; ReLU'(0) = 0.</summary>
    public static double Derivative(Activation activation, double z) => activation switch
    {
        Activation.ReLU => z > 0 ? 1 : 0,
        Activation.LeakyReLU => z > 0 ? 1 : LeakySlope,
        Activation.Tanh => 1 - Math.Tanh(z) * Math.Tanh(z),
        Activation.Sigmoid => Activate(Activation.Sigmoid, z) * (1 - Activate(Activation.Sigmoid, z)),
        Activation.Linear => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>numpy's (features, m) matrix from NetGen's sample-major floats: <c>X.T</c>.</summary>
    public static double[,] Columns(ReadOnlySpan<float> sampleMajor, int features)
    {
        var m = sampleMajor.Length / features;
        var result = new double[features, m];
        for (var i = 0; i < m; i++)
            for (var k = 0; k < features; k++)
                result[k, i] = sampleMajor[i * features + k];
        return result;
    }

    /// <summary>A (features, m) matrix back in sample-major order, for comparing with NetGen's buffers.</summary>
    public static double[] SampleMajor(double[,] columns)
    {
        int features = columns.GetLength(0), m = columns.GetLength(1);
        var result = new double[features * m];
        for (var i = 0; i < m; i++)
            for (var k = 0; k < features; k++)
                result[i * features + k] = columns[k, i];
        return result;
    }

    /// <summary>A matrix's elements in row-major order, NetGen's layout of W and dW.</summary>
    public static double[] RowMajor(double[,] matrix)
    {
        var result = new double[matrix.Length];
        var index = 0;
        foreach (var value in matrix) result[index++] = value; // C# enumerates a 2-D array row by row
        return result;
    }
}

/// <summary>What the reference forward pass keeps: Z[l] and A[l] (A[0] = X), each (n_l, m).</summary>
public sealed record ReferenceCaches(double[][,] Z, double[][,] A);

/// <summary>
/// The reference backward pass's grads: dW[l] (n_l, n_{l-1}) and db[l] (n_l) for l = 1..L, and dA[l] (n_l, m) for
/// l = 0..L, the gradient with respect to each layer's activations (dA[L] is dAL).
/// </summary>
public sealed record ReferenceGradients(double[][,] DW, double[][] DB, double[][,] DA);
