using System.Linq;

namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to know about one <c>[Network]</c> class, as plain values: no Roslyn symbol,
/// syntax node or location, so the incremental pipeline can compare it with the previous run and skip emitting.
/// </summary>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Keyword,
    string Name,
    EquatableArray<int> Sizes,
    Activation Hidden,
    Activation Output)
{
    public int LayerCount => Sizes.Count - 1;

    public int InputSize => Sizes[0];

    public int OutputSize => Sizes[Sizes.Count - 1];

    public LayerSpec Layer(int index) =>
        new(index, Sizes[index - 1], Sizes[index], index == LayerCount ? Output : Hidden,
            index == 1 ? Activation.Linear : Hidden);

    public System.Collections.Generic.IEnumerable<LayerSpec> Layers => Enumerable.Range(1, LayerCount).Select(Layer);

    public long ParameterCount => LayerCounts.Parameters(Sizes);

    public long MultiplyAddsPerExample => LayerCounts.MultiplyAdds(Sizes);

    /// <summary>The fully qualified name with dots, used for the hint name: unique per class in a compilation.</summary>
    public string FullName =>
        string.Join(".", new[] { Namespace }.Concat(ContainingTypes.Select(t => t.NameWithTypeParameters)).Append(Name)
            .Where(part => !string.IsNullOrEmpty(part)));
}
