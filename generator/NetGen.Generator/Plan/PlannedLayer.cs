using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>
/// One layer as the generator will write it: how (<see cref="Strategy"/>, and why in <see cref="Reason"/>), what its
/// activation acts on, its heading comment and its members' names.
/// </summary>
internal sealed record PlannedLayer(
    LayerSpec Spec,
    LayerStrategy Strategy,
    ActivationForm Form,
    string Title,
    string Reason,
    LayerMembers Members)
{
    public int Index => Spec.Index;

    public bool IsLanes => Strategy == LayerStrategy.Lanes;

    public static PlannedLayer For(LayerSpec layer) => new(
        layer, LayerStrategies.For(layer), ActivationForms.Of(layer.Activation),
        LayerStrategies.Title(layer), LayerStrategies.Reason(layer), LayerMembers.For(layer.Index));
}
