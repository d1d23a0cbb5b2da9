using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Emit;

/// <summary>Spells names as C# source: a keyword (<c>class</c>, <c>object</c>, contextual ones too) needs an <c>@</c>.</summary>
internal static class Identifiers
{
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>A dotted namespace with each part escaped.</summary>
    public static string EscapeDotted(string name) => string.Join(".", name.Split('.').Select(Escape));
}
