using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// NG0008: a buffer argument of a generated network method whose length the compiler knows and that the method
/// would reject at run time (see <see cref="KnownLength"/> for the lengths it knows). Unknown lengths stay silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShapeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ArgumentShapeMismatch);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Without NetGen's attribute there is no network to call.
            if (start.Compilation.GetTypesByMetadataName(NetworkGenerator.AttributeName).IsEmpty) return;
            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        if (context.Operation is not IInvocationOperation invocation) return;
        if (GeneratedMethod.Recognize(invocation.TargetMethod) is not { } kind) return;
        if (NetworkShape.Of(invocation.TargetMethod.ContainingType) is not { } shape) return;
        new ShapeCheck(invocation, shape, context).Run(kind);
    }
}
