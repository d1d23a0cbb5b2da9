using NetGen;

namespace NetGen.Compare;

/// <summary>The small network of the full-batch step comparison: 2 inputs -> 10 -> 5 -> 1, on the 300 moons examples.</summary>
[Network(2, 10, 5, 1)]
public partial class SmallNet
{
}
