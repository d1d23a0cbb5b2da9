using System;
using System.ComponentModel;
using NetGen.Kernels;
using NetGen.Training;

namespace NetGen.Kernels;

/// <summary>
/// The optimizer of one <c>Train</c> call: the network's parameter arrays and their gradients' (W1, b1, W2, ... in that
/// order), the optimizer's state (momentum's v, Adam's v and s, each the shape of its parameter, allocated here once) and
/// the step counter t. Generated code calls <see cref="Step"/> once per mini-batch, after its backward pass.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ParameterUpdater
{
    readonly TrainingOptions options;
    readonly float[][] parameters;
    readonly float[][] gradients;
    readonly float[][] first;
    readonly float[][] second;
    float firstCorrection, secondCorrection;

    /// <summary>Updates <paramref name="parameters"/>[i] from <paramref name="gradients"/>[i] (of the same length) at every step.</summary>
    public ParameterUpdater(TrainingOptions options, float[][] parameters, float[][] gradients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        ShapeGuard.Length(gradients.Length, parameters.Length, nameof(gradients));
        for (var i = 0; i < parameters.Length; i++) ShapeGuard.Length(gradients[i].Length, parameters[i].Length, $"{nameof(gradients)}[{i}]");
        this.options = options;
        this.parameters = parameters;
        this.gradients = gradients;
        bool velocity = options.Optimizer != Optimizer.GradientDescent, adam = options.Optimizer == Optimizer.Adam;
        first = new float[parameters.Length][];
        second = new float[parameters.Length][];
        for (var i = 0; i < parameters.Length; i++)
        {
            first[i] = velocity ? new float[parameters[i].Length] : [];
            second[i] = adam ? new float[parameters[i].Length] : [];
        }
    }

    /// <summary>The number of steps made: Adam's t.</summary>
    public int Steps { get; private set; }

    /// <summary>One step of the chosen rule: t += 1, then every parameter array from its gradient, in order.</summary>
    public void Step()
    {
        BeginStep();
        for (var i = 0; i < parameters.Length; i++) Update(i, parameters[i], gradients[i]);
    }

    /// <summary>Starts the next step: t += 1, and Adam's bias corrections for it.</summary>
    void BeginStep()
    {
        Steps++;
        // beta^t only shrinks as t grows, so once both corrections have rounded to exactly 1 (beta^t below half a float ulp
        // of 1: for beta2 = 0.999 after some 17000 steps) they stay 1, and their two Math.Pow calls are left out.
        if (options.Optimizer == Optimizer.Adam && (firstCorrection != 1f || secondCorrection != 1f))
            (firstCorrection, secondCorrection) = OptimizerSteps.AdamCorrections(options.Beta1, options.Beta2, Steps);
    }

    /// <summary>Updates parameter array <paramref name="index"/> from its gradient with the chosen rule.</summary>
    void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        switch (options.Optimizer)
        {
            case Optimizer.Momentum:
                OptimizerSteps.Momentum(parameter, gradient, first[index], options.Beta, options.LearningRate);
                break;
            case Optimizer.Adam:
                OptimizerSteps.Adam(parameter, gradient, first[index], second[index], options.Beta1, options.Beta2, options.Epsilon,
                    options.LearningRate, firstCorrection, secondCorrection);
                break;
            default:
                VectorMath.SubtractScaled(parameter, gradient, options.LearningRate);
                break;
        }
    }
}
