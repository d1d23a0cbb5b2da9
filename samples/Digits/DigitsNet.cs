using NetGen;

namespace Digits;

/// <summary>8 x 8 digit images (64 pixels) -> 32 ReLU units -> 10 classes, softmax with categorical cross-entropy.</summary>
[Network(64, 32, 10, Output = Activation.Softmax)]
public partial class DigitsNet { }
