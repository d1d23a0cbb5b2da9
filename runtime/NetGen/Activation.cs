#if NET
namespace NetGen;
#else
namespace NetGen.Generator.Shared; // Compiled into the generator too, so both read one definition; its own namespace there.
#endif

/// <summary>The activation function of a layer.</summary>
public enum Activation
{
    /// <summary><c>max(0, z)</c>; its derivative at 0 is taken as 0, as in the course. The default for hidden layers.</summary>
    ReLU,

    /// <summary><c>z</c> for positive z, <c>0.01 z</c> otherwise.</summary>
    LeakyReLU,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh,

    /// <summary><c>1 / (1 + e^-z)</c>. As the output activation it pairs with binary cross-entropy. The default output.</summary>
    Sigmoid,

    /// <summary>The identity. Only as the output activation, where it pairs with mean squared error.</summary>
    Linear,

    /// <summary>
    /// <c>e^z_j / sum_k e^z_k</c> over each example's outputs (computed after subtracting the largest z). Only as the
    /// output activation of two or more outputs, where it pairs with categorical cross-entropy and one-hot labels.
    /// </summary>
    Softmax,
}
