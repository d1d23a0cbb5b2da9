using NetGen;

namespace CatClassifier;

/// <summary>The course's 4-layer cat classifier: 64 x 64 x 3 pixels -> 20 -> 7 -> 5 -> P(cat).</summary>
[Network(12288, 20, 7, 5, 1)]
public partial class CatNet
{
}
