using System;
using System.IO;

namespace NetGen;

/// <summary>
/// What every generated network does, whatever its sizes: each <c>[Network(...)]</c> class implements this interface
/// over its own <c>Caches</c> and <c>Gradients</c>, so code written once (a training harness, a model server, a test)
/// can train, run, save and load any of them. Its documentation is the generated members' (<c>&lt;inheritdoc/&gt;</c>),
/// written once here instead of in every network's file; a network's sizes are its constants <c>InputSize</c>,
/// <c>OutputSize</c> and <c>LayerSizes</c>, and its cost is documented on its static <c>ComputeCost</c>.
/// </summary>
/// <typeparam name="TCaches">The network's <c>Caches</c>: what <see cref="Forward"/> keeps for <see cref="Backward"/>.</typeparam>
/// <typeparam name="TGradients">The network's <c>Gradients</c>: dW1..dWL and db1..dbL.</typeparam>
public interface INetwork<TCaches, TGradients>
    where TCaches : class
    where TGradients : class
{
    /// <summary>
    /// The course's <c>initialize_parameters_deep</c>: <c>np.random.seed(seed)</c>, then for each layer in order
    /// <c>W_l = np.random.randn(n_l, n_{l-1})</c> scaled as <paramref name="init"/> says, bit for bit as numpy draws them; biases zero.
    /// </summary>
    /// <param name="seed">numpy's seed, 0 or more.</param>
    /// <param name="init">How the normal draws are scaled: 0.01 (the course's default), 1 / sqrt(fan-in), or He.</param>
    /// <remarks>Changes the parameters: it throws <see cref="InvalidOperationException"/> if Train, LoadParameters, InitializeParameters or UpdateParameters is running on this network, and Predict or Forward must not run on another thread meanwhile.</remarks>
    void InitializeParameters(int seed, WeightInit init = WeightInit.Small);

    /// <summary>Writes the parameters to a .npz file that <c>np.load</c> reads with the course's keys and shapes (W1: (n1, n0), b1: (n1, 1), ...). The file is replaced whole or not at all.</summary>
    /// <param name="path">The .npz file to create or replace.</param>
    void SaveParameters(string path);

    /// <summary>Reads parameters saved by <see cref="SaveParameters"/> or by <c>np.savez(path, **parameters)</c>; throws <see cref="InvalidDataException"/> for a missing key or wrong shape and then changes nothing.</summary>
    /// <param name="path">A .npz file with float32 or float64 arrays W1, b1, ... of this network's shapes.</param>
    /// <remarks>Changes the parameters: it throws <see cref="InvalidOperationException"/> if Train, LoadParameters, InitializeParameters or UpdateParameters is running on this network, and Predict or Forward must not run on another thread meanwhile.</remarks>
    void LoadParameters(string path);

    /// <summary>Writes the network as an ONNX model (opset 13) that ONNX Runtime runs as <c>Predict</c> does: input <c>input</c> and output <c>output</c>, float32 rows of examples, any number of them. The file is replaced whole or not at all.</summary>
    /// <param name="path">The .onnx file to create or replace.</param>
    void SaveOnnx(string path);

    /// <summary>Reads the weights of an ONNX model written by <see cref="SaveOnnx"/> or by <c>torch.onnx.export</c> of an <c>nn.Sequential</c> of <c>Linear</c> layers and this network's activations; throws <see cref="InvalidDataException"/> naming the node or initializer that does not fit and then changes nothing.</summary>
    /// <param name="path">An .onnx file computing this network's layers and activations.</param>
    void LoadOnnx(string path);

    /// <summary>
    /// The course's <c>L_model_forward</c>: runs a batch of <c>x.Length / InputSize</c> examples through every layer and
    /// returns AL, the (batch, OutputSize) output, sample-major. <paramref name="caches"/> keeps the activations
    /// (and a reference to <paramref name="x"/>) for <see cref="Backward"/>; AL lives in it until the next call.
    /// </summary>
    /// <param name="x">Sample-major inputs: <c>x[i * InputSize + k]</c>, a whole number of examples, at most the caches' capacity.</param>
    /// <param name="caches">Made once with <c>new Caches(batchSize)</c>.</param>
    /// <returns>AL: (batch, OutputSize) sample-major, valid until the next forward pass with these caches.</returns>
    ReadOnlySpan<float> Forward(ReadOnlyMemory<float> x, TCaches caches);

    /// <summary>
    /// The course's <c>L_model_backward</c> for the batch of the last <see cref="Forward"/> call with these caches:
    /// fills <paramref name="gradients"/> with dCost/dW and dCost/db of every layer. The output layer starts from
    /// dZ = AL - Y, exact for a sigmoid output with cross-entropy, a linear one with squared error and a softmax one with categorical cross-entropy.
    /// The gradient with respect to the input (dA0) is not computed: nothing uses it.
    /// </summary>
    /// <param name="y">The labels of the batch, (m, OutputSize) sample-major.</param>
    /// <param name="caches">The caches the forward pass filled.</param>
    /// <param name="gradients">Receives the gradients; its previous contents are overwritten.</param>
    void Backward(ReadOnlySpan<float> y, TCaches caches, TGradients gradients);

    /// <summary>The course's <c>update_parameters</c>: one gradient-descent step, <c>W -= learningRate * dW</c>, <c>b -= learningRate * db</c>.</summary>
    /// <param name="gradients">The gradients of a backward pass.</param>
    /// <param name="learningRate">The step: a finite number greater than 0, as <c>TrainingOptions.LearningRate</c>.</param>
    /// <remarks>Changes the parameters: it throws <see cref="InvalidOperationException"/> if Train, LoadParameters, InitializeParameters or UpdateParameters is running on this network, and Predict or Forward must not run on another thread meanwhile.</remarks>
    void UpdateParameters(TGradients gradients, float learningRate);

    /// <summary>
    /// Runs one or many examples forward and writes their outputs: <c>output[i * OutputSize + j]</c>.
    /// Thread-safe and allocation-free: intermediate activations live on the stack (in arrays rented from a shared pool
    /// when a block of them is too large for it).
    /// Any number of threads may predict at once; not while Train, LoadParameters, InitializeParameters or UpdateParameters changes the parameters on another thread (a Train progress handler, on the training thread, may).
    /// </summary>
    /// <param name="x">Sample-major inputs, a whole number of examples.</param>
    /// <param name="output">Exactly <c>OutputSize</c> floats per example.</param>
    void Predict(ReadOnlySpan<float> x, Span<float> output);

    /// <summary>
    /// The course's <c>L_layer_model</c> loop: <c>options.Iterations</c> times forward, backward and update over the whole
    /// batch, recording the cost every <c>options.ReportEvery</c> iterations (and at the last) and reporting it to
    /// <c>options.Progress</c>. Buffers are allocated once, before the first iteration. Call <c>InitializeParameters</c> first.
    /// Mini-batches, momentum, Adam, L2 and dropout (the sequel course) take a general path chosen by <c>options</c>.
    /// Stops at the first iteration whose cost is NaN or infinite, before its update, and reports it in <c>TrainingResult.Diverged</c>.
    /// Changes the parameters: no other call of Train, LoadParameters, InitializeParameters or UpdateParameters may run on
    /// this network meanwhile (it throws <see cref="InvalidOperationException"/>), and Predict and Forward may only be
    /// called from <c>options.Progress</c>, which runs on the training thread between iterations.
    /// Layer 1 is W1 times the inputs every iteration, as in the course, unless <c>options.FirstLayer</c> opts into its
    /// Gram-matrix form (where the network has it: a large first layer).
    /// </summary>
    /// <param name="x">Sample-major inputs: <c>x[i * InputSize + k]</c>.</param>
    /// <param name="y">Sample-major labels: <c>y[i * OutputSize + j]</c>, one row per example of <paramref name="x"/>.</param>
    /// <param name="options">Learning rate, epochs, mini-batches, optimizer, regularisation, reporting and cancellation.</param>
    /// <returns>The learning curve, the number of updates made, the time taken and whether the cost diverged.</returns>
    /// <exception cref="ArgumentException">A length does not fit, or a label is not one the network's cost takes (see its <c>ComputeCost</c>).</exception>
    /// <exception cref="InvalidOperationException">Another call changes this network's parameters.</exception>
    TrainingResult Train(ReadOnlySpan<float> x, ReadOnlySpan<float> y, TrainingOptions options);

    /// <summary>The sum of every weight squared, the course's L2 term before <c>lambd / (2m)</c>; biases are not regularised.</summary>
    /// <returns>sum(W1²) + ... + sum(WL²), in double.</returns>
    double SquaredWeights();

    /// <summary>The course's <c>backward_propagation_with_regularization</c> term: <c>dW += factor * W</c> for every layer, factor = lambd / m.</summary>
    /// <param name="gradients">Gradients from <see cref="Backward"/>, updated in place.</param>
    /// <param name="factor">lambd / m.</param>
    void AddL2Gradients(TGradients gradients, float factor);
}
