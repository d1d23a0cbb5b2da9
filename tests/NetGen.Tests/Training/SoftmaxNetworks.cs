namespace NetGen.Tests.Training;

/// <summary>Softmax over 4 classes, every layer unrolled.</summary>
[Network(5, 6, 4, Output = Activation.Softmax)] public partial class SoftmaxSmall { }

/// <summary>Softmax over 10 classes after a tiled layer, and a tiled output layer.</summary>
[Network(300, 40, 10, Output = Activation.Softmax)] public partial class SoftmaxWide { }

/// <summary>A single tiled layer with a softmax output: Train's fast paths do not take it.</summary>
[Network(40, 10, Output = Activation.Softmax)] public partial class SoftmaxSingleTiled { }

/// <summary>A tiled softmax output layer (40 inputs, 50 classes).</summary>
[Network(8, 40, 50, Hidden = Activation.Tanh, Output = Activation.Softmax)] public partial class SoftmaxTiledOutput { }
