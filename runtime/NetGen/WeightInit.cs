namespace NetGen;

/// <summary>
/// How <c>InitializeParameters</c> scales numpy's standard normal draws for each weight matrix
/// <c>W_l</c> of shape (n_l, n_{l-1}). Biases always start at zero.
/// </summary>
public enum WeightInit
{
    /// <summary><c>randn(n_l, n_{l-1}) * 0.01</c>: the course's <c>initialize_parameters_deep</c>.</summary>
    Small,

    /// <summary><c>randn(n_l, n_{l-1}) / sqrt(n_{l-1})</c>: the course's application notebook.</summary>
    InverseSqrtFanIn,

    /// <summary><c>randn(n_l, n_{l-1}) * sqrt(2 / n_{l-1})</c>: He et al., for ReLU networks.</summary>
    He,
}
