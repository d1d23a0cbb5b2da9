namespace NetGen.Generator.Model;

/// <summary>
/// One weight layer <c>l</c>: <c>A_l = g(W_l A_{l-1} + b_l)</c> with <c>W_l</c> of shape (Outputs, Inputs).
/// <see cref="InputActivation"/> is the activation that produced <c>A_{l-1}</c> (Linear for the raw input).
/// </summary>
internal sealed record LayerSpec(int Index, int Inputs, int Outputs, Activation Activation, Activation InputActivation)
{
    public bool IsFirst => Index == 1;

    /// <summary>Multiply-adds per example: the size of <c>W_l</c>.</summary>
    public long MultiplyAdds => LayerCounts.Weights(Inputs, Outputs);

    /// <summary><c>W1</c>, ...: the generated property and, as in the course, the key in a parameter file.</summary>
    public string Weights => "W" + Index;

    /// <summary><c>B1</c>, ...: the generated property (a C# name), where the course's key is <see cref="BiasesKey"/>.</summary>
    public string Biases => "B" + Index;

    /// <summary><c>b1</c>, ...: the biases' key in a parameter file.</summary>
    public string BiasesKey => "b" + Index;
}
