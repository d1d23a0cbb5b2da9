using System;

namespace NetGen.Generator.Model;

/// <summary>
/// One weight layer <c>l</c>: <c>A_l = g(W_l A_{l-1} + b_l)</c> with <c>W_l</c> of shape (Outputs, Inputs).
/// <see cref="InputActivation"/> is the activation that produced <c>A_{l-1}</c> (Linear for the raw input).
/// </summary>
internal sealed record LayerSpec(int Index, int Inputs, int Outputs, ActivationKind Activation, ActivationKind InputActivation)
{
    public bool IsFirst => Index == 1;

    /// <summary>Multiply-adds per example: the size of <c>W_l</c>.</summary>
    public long MultiplyAdds => (long)Inputs * Outputs;

    public string Weights => "W" + Index;

    public string Biases => "B" + Index;

    public string WeightsKey => "W" + Index;

    public string BiasesKey => "b" + Index;
}
