using Microsoft.CodeAnalysis;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// Emits a complete network into every <c>partial class</c> marked <c>[NetGen.Network(...)]</c>.
/// The pipeline only: parsing lives in Parsing/, decisions in Plan/, code in Emit/.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The attribute's metadata name, as the runtime declares it.</summary>
    public const string AttributeName = "NetGen.NetworkAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (ctx, ct) => NetworkParser.Parse(ctx, ct))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.Parse);

        var diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var diagnostic in list) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        var specs = results
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);
        var plans = specs
            .Select(static (spec, _) => NetworkPlan.For(spec))
            .WithTrackingName(TrackingNames.Plans);
        context.RegisterSourceOutput(plans, static (spc, plan) =>
            spc.AddSource(HintNames.For(plan.Spec), NetworkEmitter.Emit(plan)));

        // Weights = "file.npz": the file's bytes keyed on its AdditionalText, checked against each network that names it.
        var weightsFiles = context.AdditionalTextsProvider
            .Where(static text => WeightsFileReader.IsCandidate(text))
            .Select(static (text, ct) => WeightsFileReader.Read(text, ct))
            .WithTrackingName(TrackingNames.WeightsFiles)
            .Collect();
        var projectDirectory = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.projectdir", out var directory) ? directory : null);
        var weights = results
            .Select(static (result, _) => result.Weights)
            .Where(static request => request is not null)
            .Combine(weightsFiles)
            .Combine(projectDirectory)
            .Select(static (input, ct) => WeightsChecker.Check(input.Left.Left!, input.Left.Right, input.Right, ct))
            .WithTrackingName(TrackingNames.Weights);
        context.RegisterSourceOutput(weights.Select(static (result, _) => result.Diagnostics), static (spc, list) =>
        {
            foreach (var diagnostic in list) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
        var trained = weights
            .Select(static (result, _) => result.Trained)
            .Where(static trained => trained is not null)
            .Select(static (trained, _) => trained!)
            .WithTrackingName(TrackingNames.TrainedWeights);
        context.RegisterSourceOutput(trained, static (spc, weights) =>
            spc.AddSource(HintNames.ForWeights(weights.Spec), TrainedWeightsEmitter.Emit(weights)));
    }
}
