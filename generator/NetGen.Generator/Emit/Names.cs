using System.Reflection;

namespace NetGen.Generator.Emit;

/// <summary>Fully qualified names the generated code uses, so that no user type or using can shadow them.</summary>
internal static class Names
{
    public static readonly string Version = typeof(Names).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static readonly string GeneratedCode = $"[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"{Version}\")]";

    /// <summary>The doc comment of a member that implements <c>NetGen.INetwork</c>, whose documentation it takes.</summary>
    public const string InheritDoc = "/// <inheritdoc/>";

    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string ReadOnlyMemory = "global::System.ReadOnlyMemory<float>";
    public const string Vector = "global::System.Numerics.Vector";
    public const string VectorOfFloat = "global::System.Numerics.Vector<float>";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string MethodImpl = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    public const string Kernel = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";
    public const string ShapeGuard = "global::NetGen.Kernels.ShapeGuard";
    public const string ValueGuard = "global::NetGen.Kernels.ValueGuard";
    public const string WriteGuard = "global::NetGen.Kernels.ParameterWriteGuard";
    public const string VectorMath = "global::NetGen.Kernels.VectorMath";
    public const string KernelScratch = "global::NetGen.Kernels.KernelScratch";
    public const string WorkSplitter = "global::NetGen.Kernels.WorkSplitter";
    public const string WorkKernel = "global::NetGen.Kernels.IWorkKernel";
    public const string KernelArgs = "global::NetGen.Kernels.KernelArgs";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
}
