namespace NetGen;

/// <summary>How a generated network's <c>Train</c> turns each step's gradients into a parameter update.</summary>
public enum Optimizer
{
    /// <summary>The course's <c>update_parameters_with_gd</c>: <c>W -= learningRate * dW</c>.</summary>
    GradientDescent,

    /// <summary>
    /// The course's <c>update_parameters_with_momentum</c>: <c>v = beta v + (1 - beta) dW</c>, <c>W -= learningRate * v</c>,
    /// with v starting at zero (<see cref="TrainingOptions.Beta"/>).
    /// </summary>
    Momentum,

    /// <summary>
    /// The course's <c>update_parameters_with_adam</c>: <c>v = beta1 v + (1 - beta1) dW</c>, <c>s = beta2 s + (1 - beta2) dW²</c>,
    /// corrected by <c>1 - beta^t</c> (t the number of steps so far, from 1), <c>W -= learningRate * v̂ / (sqrt(ŝ) + epsilon)</c>.
    /// </summary>
    Adam,
}
