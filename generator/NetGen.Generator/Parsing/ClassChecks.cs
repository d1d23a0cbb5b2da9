using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Checks that the generator can add members to the class: partial, non-generic, instantiable, reachable.</summary>
internal static class ClassChecks
{
    public static void Check(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        var at = declaration.Identifier.GetLocation();
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, at, type.Name));
        if (type.IsStatic)
            diagnostics.Add(Unsupported(at, type, "a static class cannot hold a network's parameters; remove 'static'"));
        if (type.TypeParameters.Length > 0)
            diagnostics.Add(Unsupported(at, type, "generic classes are not supported; declare a non-generic class"));
        if (declaration.Modifiers.Any(SyntaxKind.FileKeyword))
            diagnostics.Add(Unsupported(at, type, "a file-local class cannot be extended from a generated file; remove 'file'"));
    }

    /// <summary>The enclosing type declarations, outermost first; each must be partial to be re-declared around the output.</summary>
    public static List<ContainingType> ContainingTypes(TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics, string name)
    {
        var result = new List<ContainingType>();
        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            var parentName = Emit.Identifiers.Escape(parent.Identifier.ValueText) + (parent.TypeParameterList?.ToString() ?? "");
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, declaration.Identifier.GetLocation(),
                    name, $"it is nested in '{parentName}', which is not partial; make '{parentName}' partial too"));
            result.Insert(0, new ContainingType(Keyword(parent), parentName));
        }
        return result;
    }

    static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };

    static DiagnosticInfo Unsupported(Location at, INamedTypeSymbol type, string reason) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, at, type.Name, reason);
}
