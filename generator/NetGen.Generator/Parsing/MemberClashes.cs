using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Finds the user's members that the generated ones would clash with (NG0009): the generator sees the class before
/// its output is added, so every member it finds is the user's.
/// </summary>
internal static class MemberClashes
{
    public static void Check(INamedTypeSymbol type, NetworkSpec spec, Location at, List<DiagnosticInfo> diagnostics)
    {
        var methods = GeneratedMembers.PublicMethods(spec);
        if (GeneratedMembers.IsReserved(type.Name) || methods.ContainsKey(type.Name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMemberClash, at,
                $"The class name '{type.Name}'", $"a member named '{type.Name}', and a member cannot have its class's name", type.Name));

        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }) continue;
            var clash = GeneratedMembers.IsReserved(member.Name)
                ? $"a member named '{member.Name}'"
                : methods.TryGetValue(member.Name, out var overloads) ? Clash(member, overloads) : null;
            if (clash is null) continue;
            var location = member.Locations.FirstOrDefault(l => l.IsInSource) ?? at;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMemberClash, location,
                $"Member '{member.Name}'", clash, type.Name));
        }
    }

    /// <summary>Why <paramref name="member"/> clashes with a generated public method, or null for a legal overload.</summary>
    static string? Clash(ISymbol member, string[][] overloads)
    {
        if (member is not IMethodSymbol method) return $"the method '{member.Name}'";
        var parameters = method.Parameters.Select(p => p.Type.TypeKind == TypeKind.Error ? p.Type.Name : p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToArray();
        return overloads.Any(o => o.SequenceEqual(parameters))
            ? $"'{member.Name}({string.Join(", ", parameters)})' with the same parameter types"
            : null;
    }
}
