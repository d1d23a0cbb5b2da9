using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

/// <summary>
/// A layer's activation as a type the dense kernels are generic over: the function on one z, and its derivative
/// written in terms of the activation's output a (so the forward pass need not keep Z): for ReLU and LeakyReLU
/// a &gt; 0 exactly when z &gt; 0 (the course's derivative at 0 is 0), tanh' = 1 - a², sigmoid' = a (1 - a).
/// The lane kernels take their derivatives from here too (<see cref="Lanes.LaneActivation"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDenseActivation
{
    /// <summary>The activation of <paramref name="z"/>.</summary>
    static abstract float Apply(float z);

    /// <summary>The upstream gradient <paramref name="d"/> times the derivative at output <paramref name="a"/>.</summary>
    static abstract float Backward(float d, float a);

    /// <summary>The same, lane by lane.</summary>
    static abstract TSimd Backward<TSimd>(TSimd d, TSimd a) where TSimd : struct, ISimd<TSimd>;
}

/// <summary>max(z, 0).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReLU : IDenseActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z) => MathF.Max(z, 0f);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Backward(float d, float a) => a > 0f ? d : 0f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Backward<TSimd>(TSimd d, TSimd a) where TSimd : struct, ISimd<TSimd> => TSimd.WherePositive(a, d);
}

/// <summary>z for z &gt; 0, 0.01 z otherwise.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LeakyReLU : IDenseActivation
{
    /// <summary>The slope for z &lt;= 0.</summary>
    public const float Slope = 0.01f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z) => z > 0f ? z : Slope * z;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Backward(float d, float a) => a > 0f ? d : Slope * d;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Backward<TSimd>(TSimd d, TSimd a) where TSimd : struct, ISimd<TSimd>
    {
        // d where a > 0, else Slope d: the positive lanes' d plus Slope times the others' (d - d is exactly 0 there).
        var positive = TSimd.WherePositive(a, d);
        return TSimd.Add(positive, TSimd.Multiply(TSimd.Subtract(d, positive), TSimd.Broadcast(Slope)));
    }
}

/// <summary>tanh(z).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Tanh : IDenseActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z) => MathF.Tanh(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Backward(float d, float a) => d * (1f - a * a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Backward<TSimd>(TSimd d, TSimd a) where TSimd : struct, ISimd<TSimd> =>
        TSimd.Multiply(d, TSimd.Subtract(TSimd.Broadcast(1f), TSimd.Multiply(a, a)));
}

/// <summary>The logistic function 1 / (1 + e^-z); saturates to exactly 0 or 1 without overflow for large |z|.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Sigmoid : IDenseActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z) => 1f / (1f + MathF.Exp(-z));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Backward(float d, float a) => d * a * (1f - a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Backward<TSimd>(TSimd d, TSimd a) where TSimd : struct, ISimd<TSimd> =>
        TSimd.Multiply(TSimd.Multiply(d, a), TSimd.Subtract(TSimd.Broadcast(1f), a));
}

/// <summary>z itself: a linear output, or the Z a softmax output normalises afterwards row by row.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Linear : IDenseActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z) => z;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Backward(float d, float a) => d;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Backward<TSimd>(TSimd d, TSimd a) where TSimd : struct, ISimd<TSimd> => d;
}
