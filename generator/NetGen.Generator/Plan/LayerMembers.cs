namespace NetGen.Generator.Plan;

/// <summary>The generated names that belong to one layer (see <see cref="MemberNames"/>).</summary>
internal sealed record LayerMembers(
    string Weights, string Biases, string WeightsKey, string BiasesKey,
    string Forward, string Backward,
    string Activations, string Dz, string Tiles,
    string DWeights, string DBiases)
{
    public static LayerMembers For(int layer) => new(
        MemberNames.Weights(layer), MemberNames.Biases(layer), MemberNames.WeightsKey(layer), MemberNames.BiasesKey(layer),
        MemberNames.ForwardLayer(layer), MemberNames.BackwardLayer(layer),
        MemberNames.Activations(layer), MemberNames.Dz(layer), MemberNames.Tiles(layer),
        MemberNames.DWeights(layer), MemberNames.DBiases(layer));
}
