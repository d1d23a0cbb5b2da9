using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels.Simd;

/// <summary>A kernel written once for every width: <see cref="SimdDispatch.Run{TKernel, TArgs}"/> calls it at the widest.</summary>
/// <typeparam name="TArgs">What the kernel reads and writes (a ref struct of spans and sizes is fine).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdKernel<TArgs> where TArgs : allows ref struct
{
    /// <summary>Runs the kernel with vectors of <typeparamref name="TSimd"/>.</summary>
    static abstract void Run<TSimd>(scoped ref TArgs args) where TSimd : struct, ISimd<TSimd>;
}

/// <summary>
/// The one place that chooses a vector width: 512 bits where AVX-512 is accelerated, else 256 bits, else scalar.
/// The checks are JIT-time constants, so each call site compiles to a direct call of one width's copy.
/// <c>DOTNET_EnableAVX512=0</c> (.NET 10's name; <c>DOTNET_EnableAVX512F=0</c> no longer turns 512-bit vectors off) and
/// <c>DOTNET_EnableAVX2=0</c> select the narrower paths on any machine (CI runs the tests on all three).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SimdDispatch
{
    /// <summary>The floats per vector of the width <see cref="Run{TKernel, TArgs}"/> uses on this machine: 16, 8 or 1.</summary>
    public static int Width => Vector512.IsHardwareAccelerated ? Simd512.Count : Vector256.IsHardwareAccelerated ? Simd256.Count : SimdScalar.Count;

    /// <summary>Runs <typeparamref name="TKernel"/> at the widest accelerated width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel, TArgs>(scoped ref TArgs args)
        where TKernel : ISimdKernel<TArgs>
        where TArgs : allows ref struct
    {
        if (Vector512.IsHardwareAccelerated) TKernel.Run<Simd512>(ref args);
        else if (Vector256.IsHardwareAccelerated) TKernel.Run<Simd256>(ref args);
        else TKernel.Run<SimdScalar>(ref args);
    }
}
