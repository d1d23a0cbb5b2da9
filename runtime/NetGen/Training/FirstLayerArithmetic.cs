namespace NetGen;

/// <summary>
/// How a generated network's <c>Train</c> computes its first layer from one iteration to the next. Both are the same
/// full-batch gradient descent in exact arithmetic; they round differently.
/// </summary>
public enum FirstLayerArithmetic
{
    /// <summary>
    /// The course's arithmetic: every iteration multiplies W1 by the inputs and dZ1 by the inputs. A trained network has
    /// the same bits as one trained by calling <c>Forward</c>, <c>ComputeCost</c>, <c>Backward</c> and
    /// <c>UpdateParameters</c> in a loop.
    /// </summary>
    Direct,

    /// <summary>
    /// The inputs never change, so in the course's notation (X is n x m) every W1 gradient descent reaches is
    /// W1(0) - (learningRate / m) D Xᵀ, where D is the sum of the dZ1 so far: layer 1's sums are then
    /// W1(0) X + b1 - (learningRate / m) D G with G = Xᵀ X, the examples' Gram matrix (m x m, computed once),
    /// instead of two products with all the inputs per iteration. The float rounding differs from <see cref="Direct"/>,
    /// and on a run that is sensitive to rounding (the course's is) that changes where gradient descent ends. W1 is
    /// written out at the end, on cancellation, and before every progress report. Used only by networks whose first
    /// layer is large (register-tiled) and only for batches of at most half as many examples as inputs; otherwise
    /// <c>Train</c> runs <see cref="Direct"/> and says so in <see cref="TrainingResult.FirstLayer"/>.
    /// </summary>
    GramMatrix,
}
