using System;
using System.Globalization;

namespace NetGen.Compare;

/// <summary>How a comparison run is done: the same arguments as the peers' scripts, plus the thread count and mode.</summary>
internal sealed record RunOptions(int Iterations, int Warmup, int Seed, int Threads, RunMode Mode, string? Data, bool Bandwidth)
{
    public const string Usage =
        "usage: NetGen.Compare [--iterations N] [--warmup K] [--seed S] [--threads T] [--data moons.npz]\n" +
        "                      [--mode train|train-gram-matrix|steps|small|peak|threads]\n" +
        "  --iterations N  timed iterations (default 200)\n" +
        "  --warmup K      untimed iterations first (default 10)\n" +
        "  --seed S        weight seed, as np.random.seed (default 1)\n" +
        "  --threads T     cores NetGen may use (default: all, " + "here {0})\n" +
        "  --mode train              time one net.Train call of N iterations, the cost computed at each (default;\n" +
        "                            the course's arithmetic: two products with the inputs per iteration)\n" +
        "  --mode train-gram-matrix  the same with FirstLayerArithmetic.GramMatrix: layer 1 from the examples' Gram matrix\n" +
        "  --mode steps              time Forward + ComputeCost + Backward + UpdateParameters per iteration\n" +
        "  --mode small              Train of 2-10-5-1 by full-batch gradient descent on --data (the 300 moons examples)\n" +
        "  --mode peak               the FMA peak of the widest accelerated vector, on 1 core and on --threads cores\n" +
        "  --bandwidth               with --mode peak: also the read bandwidth of a 10.3 MB and a 512 MB array\n" +
        "  --mode threads            the cat network's Train and batched Predict at 1, 2, 4, ... --threads threads,\n" +
        "                            checked to give the same bits";

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming the argument that is wrong.</summary>
    public static RunOptions Parse(string[] args)
    {
        int iterations = 200, warmup = 10, seed = 1, threads = Environment.ProcessorCount;
        var mode = RunMode.Train;
        string? data = null;
        var bandwidth = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--iterations": iterations = Number(name, Value(), minimum: 1); break;
                case "--warmup": warmup = Number(name, Value(), minimum: 0); break;
                case "--seed": seed = Number(name, Value(), minimum: 0); break;
                case "--threads": threads = Number(name, Value(), minimum: 1); break;
                case "--data": data = Value(); break;
                case "--bandwidth": bandwidth = true; break;
                case "--mode":
                    var text = Value();
                    mode = text switch
                    {
                        "steps" => RunMode.Steps,
                        "train" => RunMode.Train,
                        "train-gram-matrix" => RunMode.TrainGramMatrix,
                        "small" => RunMode.Small,
                        "peak" => RunMode.Peak,
                        "threads" => RunMode.Threads,
                        _ => throw new ArgumentException($"--mode must be 'train', 'train-gram-matrix', 'steps', 'small', 'peak' or 'threads', but it is '{text}'."),
                    };
                    break;
                default: throw new ArgumentException($"Unknown argument '{name}'.");
            }
        }
        if (mode == RunMode.Small && data is null) throw new ArgumentException("--mode small needs --data moons.npz (tests/NetGen.Tests/Fixtures/Moons/moons.npz).");
        return new RunOptions(iterations, warmup, seed, threads, mode, data, bandwidth);
    }

    static int Number(string name, string text, int minimum)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
            throw new ArgumentException($"{name} must be a whole number of at least {minimum}, but it is '{text}'.");
        return value;
    }
}

/// <summary>What one timed iteration is.</summary>
internal enum RunMode
{
    /// <summary>
    /// <c>net.Train</c> with its defaults, the course's training loop and arithmetic (layer 1 multiplied by the inputs every
    /// iteration), recording the cost of every iteration as the peers do.
    /// </summary>
    Train,

    /// <summary><c>net.Train</c> with <see cref="FirstLayerArithmetic.GramMatrix"/>: layer 1 from the examples' Gram matrix.</summary>
    TrainGramMatrix,

    /// <summary>The four public calls one after the other: forward, cost, backward, update.</summary>
    Steps,

    /// <summary>The small network 2-10-5-1: <c>net.Train</c> by full-batch gradient descent on the moons data.</summary>
    Small,

    /// <summary>The FMA peak of the widest accelerated vector (<see cref="FmaPeak"/>).</summary>
    Peak,

    /// <summary>The cat network's Train and batched Predict at several thread counts (<see cref="ThreadScaling"/>).</summary>
    Threads,
}
