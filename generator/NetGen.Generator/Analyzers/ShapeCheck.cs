using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Analyzers;

/// <summary>The length rules of each generated method (the ones its <c>ShapeGuard</c> calls enforce at run time), applied to one call.</summary>
internal readonly struct ShapeCheck
{
    readonly IInvocationOperation invocation;
    readonly NetworkShape shape;
    readonly OperationAnalysisContext context;

    public ShapeCheck(IInvocationOperation invocation, NetworkShape shape, OperationAnalysisContext context)
    {
        this.invocation = invocation;
        this.shape = shape;
        this.context = context;
    }

    public void Run(GeneratedMethodKind kind)
    {
        var inputs = Expectation.MultipleOf(shape.InputSize, "InputSize");
        var outputs = Expectation.MultipleOf(shape.OutputSize, "OutputSize");
        switch (kind)
        {
            case GeneratedMethodKind.Forward:
                Check(0, inputs);
                break;
            case GeneratedMethodKind.Backward:
                Check(0, outputs);
                break;
            case GeneratedMethodKind.PredictOne:
                Check(0, Expectation.Exactly(shape.InputSize, "InputSize"));
                break;
            case GeneratedMethodKind.PredictMany:
            case GeneratedMethodKind.Train:
                // The outputs or labels follow from the number of examples in x when that is known and whole.
                var examples = Check(0, inputs);
                Check(1, examples is { } m ? Expectation.Outputs(shape.OutputSize, m) : outputs);
                break;
            case GeneratedMethodKind.ComputeCost:
                var rows = Check(0, outputs);
                Check(1, rows is { } r ? Expectation.SameLengthAs(r * shape.OutputSize, ParameterName(0)) : outputs);
                break;
        }
    }

    /// <summary>Reports the argument for parameter <paramref name="ordinal"/> if its known length does not fit; returns the whole units it holds when it fits.</summary>
    long? Check(int ordinal, Expectation expectation)
    {
        var argument = ArgumentFor(ordinal);
        if (argument is null || KnownLength.Of(argument.Value, context.CancellationToken) is not { } given) return null;
        if (expectation.Accepts(given.Length)) return expectation.Count(given.Length);

        var method = invocation.TargetMethod;
        var signature = $"{method.ContainingType.ToDisplayString(FloatBuffers.TypeNameFormat)}.{method.Name}({string.Join(", ", method.Parameters.Select(p => p.Name))})";
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ArgumentShapeMismatch, argument.Syntax.GetLocation(),
            signature, $"{ParameterName(ordinal)} to hold {expectation.Text}", given.Source, Expectation.Format(given.Length)));
        return null;
    }

    string ParameterName(int ordinal) => invocation.TargetMethod.Parameters[ordinal].Name;

    /// <summary>The argument written for a parameter, by name or position; null when missing (a compile error).</summary>
    IArgumentOperation? ArgumentFor(int ordinal)
    {
        foreach (var argument in invocation.Arguments)
            if (argument.Parameter is { } parameter && parameter.Ordinal == ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                return argument;
        return null;
    }
}
