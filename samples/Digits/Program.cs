// Multi-class classification with NetGen: sklearn's 8 x 8 handwritten digits (1797 images, 10 classes), a stratified
// 75/25 split, [64, 32, 10] with a softmax output, trained with Adam on mini-batches (the sequel course's settings,
// and sklearn MLPClassifier's: learning rate 0.001, batches of 200, L2 1e-4, 300 epochs).
//
// dotnet run --project samples/Digits -c Release [-- --epochs N] [--output folder] [--seed S] [--warmup]
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Digits;
using NetGen;

var epochs = 300;
var seed = 1;
var output = "digits-output";
var warmup = false;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--epochs": epochs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--output": output = Value(); break;
        case "--warmup": warmup = true; break;
        case "-h" or "--help":
            Console.WriteLine("usage: Digits [--epochs N (300)] [--seed S (1)] [--output folder (digits-output)] [--warmup (train untimed for a second first)]");
            return 0;
        default:
            Console.Error.WriteLine($"error: unknown argument '{args[i]}' (--help lists the options)");
            return 2;
    }
}

var (train, test) = DigitsData.Load();
Console.WriteLine($"Digits: {train.Count} training and {test.Count} test images of 8 x 8 pixels, 10 classes (stratified split)");
var y = DigitsNet.OneHot(train.Classes);
TrainingOptions Options(IProgress<TrainingProgress>? progress) => new()
{
    Epochs = epochs, MiniBatchSize = 200, Optimizer = Optimizer.Adam, LearningRate = 0.001f, L2 = 1e-4f,
    ReportEvery = 25, Progress = progress,
};

if (warmup)
{
    // Untimed runs for at least a second: .NET optimises a method only after 30 calls and a 100 ms delay, in the
    // background, so a single short warm-up run would leave the timed one partly unoptimised.
    var settle = System.Diagnostics.Stopwatch.StartNew();
    do
    {
        var first = new DigitsNet();
        first.InitializeParameters(seed, WeightInit.He);
        first.Train(train.X, y, Options(null));
    }
    while (settle.Elapsed < TimeSpan.FromSeconds(1));
}

var net = new DigitsNet();
net.InitializeParameters(seed, WeightInit.He);
var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
var result = net.Train(train.X, y, Options(new PrintedProgress(p => Console.WriteLine($"epoch {p.Iteration,4}: cost {p.Cost:F4}"))));

var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
double Accuracy(DigitSet set, int[] predicted) => predicted.Zip(set.Classes).Count(p => p.First == p.Second) / (double)set.Count;
var trainPredicted = new int[train.Count];
net.PredictClasses(train.X, trainPredicted);
var testPredicted = new int[test.Count];
net.PredictClasses(test.X, testPredicted);
Console.WriteLine($"Trained {result.IterationsCompleted} epochs in {result.Elapsed.TotalMilliseconds:F0} ms");
Console.WriteLine($"Train accuracy: {Accuracy(train, trainPredicted):F4}");
Console.WriteLine($"Test accuracy:  {Accuracy(test, testPredicted):F4}");

Console.WriteLine();
Console.WriteLine("Confusion matrix (rows: true class, columns: predicted):");
var confusion = new int[10, 10];
for (var i = 0; i < test.Count; i++) confusion[test.Classes[i], testPredicted[i]]++;
Console.WriteLine("     " + string.Concat(Enumerable.Range(0, 10).Select(c => $"{c,4}")));
for (var t = 0; t < 10; t++)
    Console.WriteLine($"{t,4} " + string.Concat(Enumerable.Range(0, 10).Select(p => $"{confusion[t, p],4}")));

Directory.CreateDirectory(output);
var parameters = Path.Combine(output, "parameters.npz");
net.SaveParameters(parameters);
Console.WriteLine();
Console.WriteLine($"Parameters saved to {parameters} (W1, b1, W2, b2 as np.savez writes them)");
Console.WriteLine(FormattableString.Invariant(
    $"RESULT netgen epochs={epochs} seconds={result.Elapsed.TotalSeconds:F4} cpu_seconds={cpu.TotalSeconds:F4} test_accuracy={Accuracy(test, testPredicted):F4}"));
return 0;

/// <summary>Progress printed on the training thread, in order.</summary>
sealed class PrintedProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
