using System;
using NetGen.Training;

namespace NetGen;

/// <summary>
/// A generated network whose hidden layers can drop out: one with hidden layers, all ReLU or LeakyReLU (the mask is
/// applied to dZ after the slope, which a positive scale leaves unchanged). Such networks implement this interface
/// instead of <see cref="INetwork{TCaches, TGradients}"/>, adding the course's dropout steps outside <c>Train</c>.
/// </summary>
/// <typeparam name="TCaches">The network's <c>Caches</c>.</typeparam>
/// <typeparam name="TGradients">The network's <c>Gradients</c>.</typeparam>
public interface IDropoutNetwork<TCaches, TGradients> : INetwork<TCaches, TGradients>
    where TCaches : class
    where TGradients : class
{
    /// <summary>
    /// The course's <c>forward_propagation_with_dropout</c>: <see cref="INetwork{TCaches, TGradients}.Forward"/> with each
    /// hidden layer's activations masked and scaled by <paramref name="dropout"/> (inverted dropout), which keeps the
    /// masks for the backward pass.
    /// </summary>
    /// <param name="x">Sample-major inputs, a whole number of examples, at most the caches' capacity.</param>
    /// <param name="caches">Made once with <c>new Caches(batchSize)</c>.</param>
    /// <param name="dropout">Masks for the hidden layers: <c>new Dropout(keepProbability, seed, batchSize, n1, ..., n_{L-1})</c>, the hidden layers' sizes.</param>
    /// <returns>AL, valid until the next forward pass with these caches.</returns>
    ReadOnlySpan<float> ForwardWithDropout(ReadOnlyMemory<float> x, TCaches caches, Dropout dropout);

    /// <summary>The course's <c>backward_propagation_with_dropout</c>, after <see cref="ForwardWithDropout"/> with the same dropout.</summary>
    /// <param name="y">The labels of the batch, (m, OutputSize) sample-major.</param>
    /// <param name="caches">The caches the forward pass filled.</param>
    /// <param name="gradients">Receives the gradients.</param>
    /// <param name="dropout">The dropout of the forward pass, holding its masks.</param>
    void BackwardWithDropout(ReadOnlySpan<float> y, TCaches caches, TGradients gradients, Dropout dropout);
}
