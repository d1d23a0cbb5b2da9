using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>A file name per network, unique within a compilation (namespace and enclosing types included).</summary>
internal static class HintNames
{
    public static string For(NetworkSpec spec)
    {
        var name = new StringBuilder(spec.FullName.Length + 5);
        foreach (var c in spec.FullName)
            name.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : c is '<' ? '{' : c is '>' ? '}' : c == ',' ? ',' : '_');
        return name.Append(".g.cs").ToString();
    }
}
