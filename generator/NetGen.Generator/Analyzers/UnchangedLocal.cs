using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// The length a local float buffer gets from its declaration, when nothing in the member that holds it can give it
/// another: no assignment, deconstruction, <c>ref</c>/<c>out</c>/<c>in</c> argument or <c>ref</c> alias anywhere,
/// lambdas and local functions included.
/// </summary>
internal static class UnchangedLocal
{
    public static KnownLength? InitialLength(ILocalReferenceOperation reference, int depth, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (local.IsRef || FloatBuffers.Describe(local.Type) is null) return null;

        // The local's whole scope lies inside the member body the reference is in: the root of its operation tree.
        IOperation root = reference;
        while (root.Parent is { } parent) root = parent;

        IOperation? initializer = null;
        var declarations = 0;
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    declarations++;
                    initializer = declarator.GetVariableInitializer()?.Value;
                    break;
                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local) && MayWrite(other):
                    return null;
            }
        }
        return declarations == 1 ? KnownLength.Of(initializer, depth + 1, cancellationToken) : null;
    }

    /// <summary>Whether this use of the local may give it a new value (conservative: any by-reference use counts).</summary>
    static bool MayWrite(ILocalReferenceOperation reference)
    {
        if (reference.IsDeclaration) return true; // out var, deconstruction into new locals: not a declarator's initializer

        // Deconstruction targets are tuples, possibly nested: (a, (b, local)) = ...
        IOperation used = reference;
        while (used.Parent is ITupleOperation tuple) used = tuple;

        switch (used.Parent)
        {
            case IAssignmentOperation assignment when assignment.Target == used:
            case IIncrementOrDecrementOperation:
            case IAddressOfOperation:
            case IInvalidOperation:
            case IArgumentOperation argument when argument.Parameter is null || argument.Parameter.RefKind != RefKind.None:
                return true;
        }

        // ref var alias = ref local; ref returns and ref conditionals.
        var syntax = reference.Syntax;
        while (syntax.Parent is ParenthesizedExpressionSyntax) syntax = syntax.Parent;
        return syntax.Parent is RefExpressionSyntax;
    }
}
