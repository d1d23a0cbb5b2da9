using System.Collections.Generic;
using System.Globalization;
using System.Text;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>Shape arithmetic and formatting shared by the .npy reader, writer and messages.</summary>
internal static class NpyShape
{
    /// <summary>numpy 2's limit on dimensions; any .npy file with more is not one numpy could have written.</summary>
    public const int MaxDimensions = 64;

    /// <summary>
    /// The product of <paramref name="shape"/> (1 for a 0-d array), or -1 when a dimension is negative or the
    /// product exceeds <paramref name="limit"/>; checked step by step so a hostile shape cannot overflow.
    /// </summary>
    public static long ElementCount(IReadOnlyList<int> shape, long limit)
    {
        long count = 1;
        var sawZero = false;
        foreach (var dimension in shape)
        {
            if (dimension < 0) return -1;
            if (dimension == 0) sawZero = true;
            else if (count > limit / dimension) count = long.MaxValue;
            else count *= dimension;
        }
        if (sawZero) return 0;
        return count > limit ? -1 : count;
    }

    /// <summary>Formats <paramref name="shape"/> as Python prints a tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 3)</c>.</summary>
    public static string Format(IReadOnlyList<int> shape)
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < shape.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }
        if (shape.Count == 1) text.Append(',');
        return text.Append(')').ToString();
    }
}
