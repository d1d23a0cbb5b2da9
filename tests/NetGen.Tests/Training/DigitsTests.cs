using System;
using System.Linq;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>The Digits sample's network and settings [64, 32, 10], on Fixtures/Digits/digits.npz (written by sklearn).</summary>
[Network(64, 32, 10, Output = Activation.Softmax)] public partial class DigitsTestNet { }

public sealed class DigitsTests
{
    [Fact]
    public void SampleSettings_ReachSklearnsMlpAccuracyWithinOneAndAHalfPoints()
    {
        var arrays = Npz.Read(Fixture.Path("Digits/digits.npz"));
        var pixels = arrays["images"].ToByteArray();
        var target = arrays["target"].ToInt64Array();
        (float[] X, int[] Classes) Take(string key)
        {
            var index = arrays[key].ToInt64Array();
            return (index.SelectMany(i => pixels.Skip((int)i * 64).Take(64).Select(p => p / 16f)).ToArray(), index.Select(i => (int)target[i]).ToArray());
        }
        var (train, test) = (Take("train_index"), Take("test_index"));
        var net = new DigitsTestNet();
        net.InitializeParameters(1, WeightInit.He);
        var result = net.Train(train.X, DigitsTestNet.OneHot(train.Classes), new TrainingOptions
        {
            Epochs = 300, MiniBatchSize = 200, Optimizer = Optimizer.Adam, LearningRate = 0.001f, L2 = 1e-4f,
        });
        var predicted = new int[test.Classes.Length];
        net.PredictClasses(test.X, predicted);
        var accuracy = predicted.Zip(test.Classes).Count(p => p.First == p.Second) / (double)predicted.Length;
        var sklearn = arrays["mlp_test_accuracy"].ToDoubleArray()[0];
        Assert.True(Math.Abs(accuracy - sklearn) <= 0.015, $"NetGen {accuracy:F4}, sklearn's MLPClassifier {sklearn:F4}");
        Assert.True(result.FinalCost < 0.1f, $"final cost {result.FinalCost}");
    }
}
