using System.Globalization;

namespace NetGen.Generator.Emit;

/// <summary>Culture-invariant literals: generated text must not depend on the machine that builds it.</summary>
internal static class Literals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Digits grouped for comments, e.g. 245,760.</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
