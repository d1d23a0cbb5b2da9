using System;
using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Opens the namespace and the enclosing partial types of a network's class; disposing closes them in reverse.</summary>
internal sealed class EnclosingScopes : IDisposable
{
    readonly List<SourceWriter.Scope> _scopes = new();

    public EnclosingScopes(SourceWriter w, NetworkSpec spec)
    {
        if (spec.Namespace is not null) _scopes.Add(w.Block($"namespace {Identifiers.EscapeDotted(spec.Namespace)}"));
        foreach (var outer in spec.ContainingTypes) _scopes.Add(w.Block($"partial {outer.Keyword} {outer.NameWithTypeParameters}"));
    }

    public void Dispose()
    {
        for (var i = _scopes.Count - 1; i >= 0; i--) _scopes[i].Dispose();
        _scopes.Clear();
    }
}
