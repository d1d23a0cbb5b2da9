using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using NetGen.Kernels;
using NetGen.Training;

namespace NetGen.Kernels;

/// <summary>
/// The optimizer of one <c>Train</c> call: the network's parameter arrays and their gradients' (W1, b1, W2, ... in that
/// order), the optimizer's state (momentum's v, Adam's v and s, each the shape of its parameter or, for Adam on short
/// arrays, packed end to end (<see cref="PackedArrays"/>), allocated here once) and
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
    // Adam on short arrays runs over packed copies (then first and second each hold one packed buffer).
    readonly PackedArrays? packing;
    readonly float[] packedParameters = [], packedGradients = [];
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
        // Where the arrays average under 64 floats (a small network's), their vector loops' scalar tails and a call per
        // array cost more than copying the parameters and gradients into one buffer and back.
        long total = 0;
        foreach (var parameter in parameters) total += parameter.Length;
        if (adam && total < 64L * parameters.Length)
        {
            packing = new PackedArrays(parameters);
            packedParameters = packing.NewBuffer();
            packedGradients = packing.NewBuffer();
            first = [packing.NewBuffer()];
            second = [packing.NewBuffer()];
            return;
        }
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
    // Step, the update loops it calls (OptimizerSteps, PackedArrays, VectorMath.SubtractScaled) and Regularization's
    // (called per step by generated code) are optimised from their first call: left to tiering, Digits' Adam step stayed at 4-10 us for thousands of steps where
    // fully optimised code takes 0.7 us, and the moons' at 0.31 us where it takes 0.08.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step()
    {
        BeginStep();
        switch (options.Optimizer)
        {
            case Optimizer.Adam when packing is not null:
                // Element-wise, so the packing changes no bits; the padding stays 0 (a zero gradient moves nothing).
                packing.Pack(parameters, packedParameters);
                packing.Pack(gradients, packedGradients);
                OptimizerSteps.Adam(packedParameters, packedGradients, first[0], second[0], options.Beta1, options.Beta2,
                    options.Epsilon, options.LearningRate, firstCorrection, secondCorrection);
                packing.Unpack(packedParameters, parameters);
                break;
            case Optimizer.Adam:
                for (var i = 0; i < parameters.Length; i++)
                    OptimizerSteps.Adam(parameters[i], gradients[i], first[i], second[i], options.Beta1, options.Beta2,
                        options.Epsilon, options.LearningRate, firstCorrection, secondCorrection);
                break;
            case Optimizer.Momentum:
                for (var i = 0; i < parameters.Length; i++)
                    OptimizerSteps.Momentum(parameters[i], gradients[i], first[i], options.Beta, options.LearningRate);
                break;
            default:
                for (var i = 0; i < parameters.Length; i++) VectorMath.SubtractScaled(parameters[i], gradients[i], options.LearningRate);
                break;
        }
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
}
