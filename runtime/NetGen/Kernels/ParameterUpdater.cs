using System;
using System.ComponentModel;
using NetGen.Kernels;
using NetGen.Training;

namespace NetGen.Kernels;

/// <summary>
/// The optimizer of one <c>Train</c> call: its state (momentum's v, Adam's v and s, each the shape of its parameter,
/// allocated here once) and the step counter t. Generated code calls <see cref="BeginStep"/> once per step, then
/// <see cref="Update"/> for every parameter array in a fixed order.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ParameterUpdater
{
    readonly TrainingOptions options;
    readonly float[][] first;
    readonly float[][] second;
    float firstCorrection, secondCorrection;

    /// <summary>State for parameter arrays of these lengths, indexed as given.</summary>
    public ParameterUpdater(TrainingOptions options, params int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        bool velocity = options.Optimizer != Optimizer.GradientDescent, adam = options.Optimizer == Optimizer.Adam;
        first = new float[lengths.Length][];
        second = new float[lengths.Length][];
        for (var i = 0; i < lengths.Length; i++)
        {
            first[i] = velocity ? new float[lengths[i]] : [];
            second[i] = adam ? new float[lengths[i]] : [];
        }
    }

    /// <summary>The number of steps begun: Adam's t.</summary>
    public int Step { get; private set; }

    /// <summary>Starts the next step: t += 1, and Adam's bias corrections for it.</summary>
    public void BeginStep()
    {
        Step++;
        // beta^t only shrinks as t grows, so once both corrections have rounded to exactly 1 (beta^t below half a float ulp
        // of 1: for beta2 = 0.999 after some 17000 steps) they stay 1, and their two Math.Pow calls are left out.
        if (options.Optimizer == Optimizer.Adam && (firstCorrection != 1f || secondCorrection != 1f))
            (firstCorrection, secondCorrection) = OptimizerSteps.AdamCorrections(options.Beta1, options.Beta2, Step);
    }

    /// <summary>Updates parameter array <paramref name="index"/> from its gradient with the chosen rule.</summary>
    public void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
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
