namespace NetGen.Generator.Model;

/// <summary>A type the network class is nested in, re-declared as <c>partial {Keyword} {Name}</c> around the output.</summary>
internal sealed record ContainingType(string Keyword, string NameWithTypeParameters);
