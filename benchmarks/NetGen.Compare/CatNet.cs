using NetGen;

namespace NetGen.Compare;

/// <summary>The network every runner of the comparison trains: 12288 inputs -> 20 -> 7 -> 5 -> 1.</summary>
[Network(12288, 20, 7, 5, 1)]
public partial class CatNet
{
}
