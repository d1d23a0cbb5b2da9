namespace NetGen.Tests.Training;

/// <summary>The sequel course's "Optimization methods" network.</summary>
[Network(2, 5, 2, 1)] public partial class MoonsNet { }

/// <summary>A small ReLU network for the regularisation and dropout checks.</summary>
[Network(4, 6, 5, 2)] public partial class RegularizedReLU { }

/// <summary>The same with LeakyReLU hidden layers and a linear output.</summary>
[Network(4, 6, 5, 2, Hidden = Activation.LeakyReLU, Output = Activation.Linear)] public partial class RegularizedLeaky { }

/// <summary>Tanh hidden layers: dropout is refused.</summary>
[Network(4, 6, 2, Hidden = Activation.Tanh)] public partial class RegularizedTanh { }

/// <summary>A large (tiled) first layer: the general path runs through the tiled kernels.</summary>
[Network(300, 40, 3)] public partial class RegularizedWide { }
