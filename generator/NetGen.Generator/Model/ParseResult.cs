namespace NetGen.Generator.Model;

/// <summary>The transform's single output: a spec to emit (null when the declaration has errors) and its diagnostics.</summary>
internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
