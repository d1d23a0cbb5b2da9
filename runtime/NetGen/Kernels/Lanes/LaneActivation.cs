using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// A layer's activation applied to a vector of examples and to one example, for the lane kernels: the functions of
/// <see cref="ExampleLanes"/> (whose exponential a batch and a single example share bit for bit), picked by the
/// activation type; the JIT folds the choice. Derivatives are the activation type's own (<see cref="IDenseActivation"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneActivation
{
    /// <summary>The activation of each lane of <paramref name="z"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Apply<TActivation, TSimd>(TSimd z)
        where TActivation : struct, IDenseActivation
        where TSimd : struct, ISimd<TSimd>
    {
        if (typeof(TActivation) == typeof(ReLU)) return ExampleLanes.ReLU(z);
        if (typeof(TActivation) == typeof(LeakyReLU)) return ExampleLanes.LeakyReLU(z);
        if (typeof(TActivation) == typeof(Tanh)) return ExampleLanes.Tanh(z);
        if (typeof(TActivation) == typeof(Sigmoid)) return ExampleLanes.Sigmoid(z);
        if (typeof(TActivation) == typeof(Linear)) return z;
        throw new NotSupportedException($"The lane kernels have no activation {typeof(TActivation).Name}; expected ReLU, LeakyReLU, Tanh, Sigmoid or Linear.");
    }

    /// <summary>The activation of <paramref name="z"/>, with the same bits as a lane of <see cref="Apply{TActivation, TSimd}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply<TActivation>(float z) where TActivation : struct, IDenseActivation
    {
        if (typeof(TActivation) == typeof(ReLU)) return MathF.Max(z, 0f);
        if (typeof(TActivation) == typeof(LeakyReLU)) return z > 0f ? z : LeakyReLU.Slope * z;
        if (typeof(TActivation) == typeof(Tanh)) return MathF.Tanh(z);
        if (typeof(TActivation) == typeof(Sigmoid)) return 1f / (1f + ExampleLanes.Exp(-z));
        if (typeof(TActivation) == typeof(Linear)) return z;
        throw new NotSupportedException($"The lane kernels have no activation {typeof(TActivation).Name}; expected ReLU, LeakyReLU, Tanh, Sigmoid or Linear.");
    }
}
