namespace NetGen.Generator.Emit;

/// <summary>Snippets of C# the SIMD kernels are written with: fully qualified, so that no user type can shadow them.</summary>
internal static class KernelCode
{
    public const string Count = Names.VectorOfFloat + ".Count";
    public const string Splitter = "global::NetGen.Kernels.WorkSplitter";
    public const string WorkKernel = "global::NetGen.Kernels.IWorkKernel";
    public const string Args = "global::NetGen.Kernels.KernelArgs";
    public const string Scratch = "global::NetGen.Kernels.KernelScratch";
    public const string Math = "global::System.Math";
    public const string IntSpan = "global::System.ReadOnlySpan<int>";

    /// <summary><c>ref float</c> to the first element of a span.</summary>
    public static string Ref(string span) => $"ref {Names.MemoryMarshal}.GetReference({span})";

    /// <summary>The float <paramref name="offset"/> elements after <paramref name="reference"/>, as an assignable expression.</summary>
    public static string At(string reference, string offset) => offset == "0" ? reference : $"{Names.Unsafe}.Add(ref {reference}, {offset})";

    /// <summary><c>ref</c> to the float <paramref name="offset"/> elements after <paramref name="reference"/>.</summary>
    public static string RefAt(string reference, string offset) => "ref " + At(reference, offset);

    /// <summary>The lanes of a vector as a <c>nuint</c> local, declared by every kernel that uses <see cref="Vectors"/>.</summary>
    public const string Lanes = "nuint c = (nuint)" + Count + ";";

    /// <summary>Loads the vector <paramref name="offset"/> floats after <paramref name="reference"/> (an <c>int</c> expression).</summary>
    public static string Load(string reference, string offset) => LoadAt(reference, offset == "0" ? "0" : $"(nuint)({offset})");

    /// <summary>The same with a <c>nuint</c> offset such as <c>k</c> or <c>2 * c</c>.</summary>
    public static string LoadAt(string reference, string offset) =>
        offset == "0" ? $"{Names.Vector}.LoadUnsafe(ref {reference})" : $"{Names.Vector}.LoadUnsafe(ref {reference}, {offset})";

    /// <summary>Stores <paramref name="value"/> <paramref name="offset"/> floats after <paramref name="reference"/> (an <c>int</c> expression).</summary>
    public static string Store(string value, string reference, string offset) => StoreAt(value, reference, offset == "0" ? "0" : $"(nuint)({offset})");

    /// <summary>The same with a <c>nuint</c> offset.</summary>
    public static string StoreAt(string value, string reference, string offset) =>
        offset == "0" ? $"{Names.Vector}.StoreUnsafe({value}, ref {reference});" : $"{Names.Vector}.StoreUnsafe({value}, ref {reference}, {offset});";

    public static string Fma(string left, string right, string addend) => $"{Names.Vector}.FusedMultiplyAdd({left}, {right}, {addend})";

    public static string Broadcast(string scalar) => $"new {Names.VectorOfFloat}({scalar})";

    /// <summary><paramref name="count"/> vectors' worth of floats as a <c>nuint</c>, in terms of the local <see cref="Lanes"/> declares.</summary>
    public static string Vectors(int count) => count switch
    {
        0 => "0",
        1 => "c",
        _ => $"{count} * c",
    };
}
