namespace NetGen.Generator.Model;

/// <summary>
/// The transform's single output: a spec to emit (null when the declaration has errors), its diagnostics, and the
/// weights file to check and embed when the attribute names one.
/// </summary>
internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, WeightsRequest? Weights = null);
