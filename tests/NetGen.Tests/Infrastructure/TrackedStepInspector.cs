using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NetGen.Tests.Infrastructure;

/// <summary>Looks through tracked step outputs for Roslyn objects that must not outlive a generator run.</summary>
internal static class TrackedStepInspector
{
    /// <summary>How many fields, elements or tuple items deep the search goes.</summary>
    public const int MaxDepth = 16;

    const int MaxElements = 10_000;

    static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel), typeof(Compilation),
        typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(SyntaxReference), typeof(AttributeData),
    ];

    // Roslyn's own input and output nodes (outputs hold the reported Diagnostics, with their Locations); the
    // internal steps of ForAttributeWithMetadataName all have "_ForAttribute" in their names.
    static readonly HashSet<string> RoslynSteps = new(StringComparer.Ordinal)
    {
        "Compilation", "CompilationOptions", "ParseOptions", "AdditionalTexts", "SyntaxTrees", "AnalyzerConfigOptions",
        "MetadataReferences", "SourceOutput", "ImplementationSourceOutput",
    };

    /// <summary>Whether the tracked step <paramref name="name"/> is one of Roslyn's own rather than the generator's.</summary>
    public static bool IsRoslynStep(string name) =>
        RoslynSteps.Contains(name) || name.Contains("_ForAttribute", StringComparison.Ordinal);

    /// <summary>The paths, from <paramref name="value"/>, of every Roslyn object it reaches, with the object's type.</summary>
    public static List<string> FindRoslynObjects(object? value)
    {
        var found = new List<string>();
        Visit(value, "value", 0, new HashSet<object>(ReferenceEqualityComparer.Instance), found);
        return found;
    }

    static void Visit(object? value, string path, int depth, HashSet<object> visited, List<string> found)
    {
        if (value is null || depth > MaxDepth) return;
        var type = value.GetType();
        if (Array.Exists(Forbidden, forbidden => forbidden.IsInstanceOfType(value)))
        {
            found.Add($"{path} is a {type.FullName}");
            return;
        }
        if (IsLeaf(type) || (!type.IsValueType && !visited.Add(value))) return;

        if (value is IEnumerable sequence && !IsTupleLike(type) && TryVisitElements(sequence, path, depth, visited, found)) return;
        for (var declaring = type; declaring is not null && declaring != typeof(object) && declaring != typeof(ValueType); declaring = declaring.BaseType)
            foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                Visit(field.GetValue(value), $"{path}.{MemberName(field)}", depth + 1, visited, found);
    }

    // A collection that cannot enumerate (say a default-valued wrapper struct) is searched through its fields instead.
    static bool TryVisitElements(IEnumerable sequence, string path, int depth, HashSet<object> visited, List<string> found)
    {
        var elements = new List<object?>();
        try
        {
            foreach (var element in sequence)
            {
                if (elements.Count >= MaxElements) break;
                elements.Add(element);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or NullReferenceException or NotSupportedException)
        {
            return false;
        }
        for (var index = 0; index < elements.Count; index++) Visit(elements[index], $"{path}[{index}]", depth + 1, visited, found);
        return true;
    }

    // Framework types other than collections, tuples and delegates cannot hide a Roslyn object.
    static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type.IsPointer || type == typeof(string) || typeof(MemberInfo).IsAssignableFrom(type)
        || (type.Namespace is "System" || type.Namespace?.StartsWith("System.", StringComparison.Ordinal) == true)
            && !typeof(IEnumerable).IsAssignableFrom(type) && !typeof(Delegate).IsAssignableFrom(type) && !IsTupleLike(type);

    static bool IsTupleLike(Type type) =>
        type.IsGenericType
        && (type.Namespace == "System" && (type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal) || type.Name.StartsWith("Tuple`", StringComparison.Ordinal))
            || type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));

    // "<Name>k__BackingField" is how the compiler names an auto-property's field; show the property name.
    static string MemberName(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.IndexOf('>', StringComparison.Ordinal) is > 1 and var end ? field.Name[1..end] : field.Name;
}
