using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Analyzers;

/// <summary>The float buffer types that convert into one another without changing their length.</summary>
internal static class FloatBuffers
{
    /// <summary><c>float[]</c>, <c>Span&lt;float&gt;</c>, <c>ReadOnlySpan&lt;float&gt;</c>, <c>Memory&lt;float&gt;</c> or <c>ReadOnlyMemory&lt;float&gt;</c>.</summary>
    public static bool IsFloatBuffer(ITypeSymbol? type) => Describe(type) is not null;

    /// <summary>What to call a variable of <paramref name="type"/> in a message ("array", "span", "memory"), or null for other types.</summary>
    public static string? Describe(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Single }) return "array";
        if (IsSystemOfFloat(type, "Span") || IsSystemOfFloat(type, "ReadOnlySpan")) return "span";
        if (IsSystemOfFloat(type, "Memory") || IsSystemOfFloat(type, "ReadOnlyMemory")) return "memory";
        return null;
    }

    /// <summary>A type's name with its containing types but not its namespace: <c>Outer.Net</c>, <c>Models&lt;int&gt;.Net</c>.</summary>
    public static readonly SymbolDisplayFormat TypeNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>
    /// The length of a <c>[InlineArray(n)]</c> struct of floats (such as a network's generated <c>Input</c>), which
    /// converts to <c>Span&lt;float&gt;</c> and <c>ReadOnlySpan&lt;float&gt;</c>; null for any other type.
    /// </summary>
    public static int? InlineArrayLength(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Struct) return null;
        int? length = null;
        foreach (var attribute in type.GetAttributes())
            if (attribute.AttributeClass is { Name: "InlineArrayAttribute" } attributeClass &&
                attributeClass.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices" &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value && value > 0)
                length = value;
        if (length is null) return null;

        IFieldSymbol? element = null;
        foreach (var member in type.GetMembers())
            if (member is IFieldSymbol { IsStatic: false } field)
            {
                if (element is not null) return null; // an inline array has exactly one instance field
                element = field;
            }
        return element?.Type.SpecialType == SpecialType.System_Single ? length : null;
    }

    /// <summary>Whether <paramref name="type"/> is <c>System.{name}&lt;float&gt;</c>.</summary>
    public static bool IsSystemOfFloat(ITypeSymbol? type, string name) =>
        type is INamedTypeSymbol { Arity: 1, ContainingType: null } named &&
        named.Name == name &&
        named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } &&
        named.TypeArguments[0].SpecialType == SpecialType.System_Single;
}
