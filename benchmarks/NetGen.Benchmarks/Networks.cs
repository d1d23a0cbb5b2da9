using NetGen;

namespace NetGen.Benchmarks;

/// <summary>The course's cat classifier: 12288 inputs -> 20 -> 7 -> 5 -> 1.</summary>
[Network(12288, 20, 7, 5, 1)]
public partial class CatNet
{
}

/// <summary>A small network, fully unrolled by the generator, to compare with <see cref="RuntimeSizedNetwork"/>.</summary>
[Network(4, 8, 8, 1)]
public partial class SmallNet
{
}
