using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>A file name per network, unique within a compilation (namespace and enclosing types included).</summary>
internal static class HintNames
{
    public static string For(NetworkSpec spec) => Name(spec, ".g.cs");

    /// <summary>The file of the embedded trained weights, beside the network's own.</summary>
    public static string ForWeights(NetworkSpec spec) => Name(spec, ".Weights.g.cs");

    static string Name(NetworkSpec spec, string suffix)
    {
        var name = new StringBuilder(spec.FullName.Length + suffix.Length);
        foreach (var c in spec.FullName)
            name.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : c is '<' ? '{' : c is '>' ? '}' : c == ',' ? ',' : '_');
        return name.Append(suffix).ToString();
    }
}
