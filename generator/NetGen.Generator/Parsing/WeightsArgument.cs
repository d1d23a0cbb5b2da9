using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads the attribute's <c>Weights = "file.npz"</c> named argument.</summary>
internal static class WeightsArgument
{
    public const string Name = "Weights";

    /// <summary>What to check for <paramref name="spec"/>, or null when the attribute names no weights file.</summary>
    public static WeightsRequest? Read(AttributeData attribute, AttributeSyntax? syntax, NetworkSpec spec)
    {
        var named = attribute.NamedArguments.FirstOrDefault(a => a.Key == Name);
        if (named.Key is null || named.Value.Kind == TypedConstantKind.Error || named.Value.Value is not string file) return null;
        var at = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == Name)?.GetLocation()
            ?? syntax?.GetLocation();
        return new WeightsRequest(spec, file, LocationInfo.From(at));
    }
}
