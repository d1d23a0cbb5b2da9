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

/// <summary>The Digits sample's network: 64 pixels -> 32 -> 10 classes, softmax output.</summary>
[Network(64, 32, 10, Output = Activation.Softmax)]
public partial class DigitsNet
{
}
