using System;
using System.Collections.Generic;
using System.Globalization;

namespace CatClassifier;

/// <summary>What the command line asked for. Every mistake is a <see cref="UsageException"/> naming the option.</summary>
public sealed record Options
{
    public const string Usage = """
        Usage:
          CatClassifier [train] [--data DIR] [--iterations N] [--learning-rate R] [--first-layer F] [--output DIR]
          CatClassifier predict --parameters FILE [--data DIR] [IMAGE.png|.jpg ...]

        train (default)  trains the [12288, 20, 7, 5, 1] network. Without --data it uses a built-in, generated
                         set of 64 x 64 images; with --data DIR it reads the course's train_catvnoncat.h5 and
                         test_catvnoncat.h5 from DIR. Writes parameters.npz and learning-curve.svg to --output.
        predict          loads parameters (.npz, from train or from numpy's np.savez) and prints P(cat) for each
                         test image (the course's with --data, else the built-in ones) and for each PNG or JPEG given.

        --iterations N      gradient-descent iterations (default 2500 with --data, 1500 for the built-in set)
        --learning-rate R   step size (default 0.0075, the course's)
        --first-layer F     how layer 1 is computed: direct (default: the course's arithmetic, W1 times X every
                            iteration, its exact numbers) or gram-matrix (from the examples' Gram matrix: several
                            times faster, rounds differently, so a run as sensitive as the course's ends elsewhere)
        --output DIR        where to write results (default ./catnet-output)
        """;

    public bool Predict { get; init; }
    public bool Help { get; init; }
    public string? DataDirectory { get; init; }
    public int? Iterations { get; init; }
    public float LearningRate { get; init; } = 0.0075f;
    public NetGen.FirstLayerArithmetic FirstLayer { get; init; } = NetGen.FirstLayerArithmetic.Direct;
    public string OutputDirectory { get; init; } = "catnet-output";
    public string? ParametersFile { get; init; }
    public IReadOnlyList<string> Images { get; init; } = Array.Empty<string>();

    public static Options Parse(string[] args)
    {
        var options = new Options();
        var images = new List<string>();
        var start = 0;
        if (args.Length > 0 && args[0] is "train" or "predict")
        {
            options = options with { Predict = args[0] == "predict" };
            start = 1;
        }

        for (var i = start; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{arg} needs a value.");
            options = arg switch
            {
                "--help" or "-h" => options with { Help = true },
                "--data" => options with { DataDirectory = NonEmpty(arg, Value(), "a folder") },
                "--iterations" => options with { Iterations = PositiveInt(arg, Value()) },
                "--learning-rate" => options with { LearningRate = PositiveFloat(arg, Value()) },
                "--first-layer" => options with { FirstLayer = ParseFirstLayer(arg, Value()) },
                "--output" => options with { OutputDirectory = NonEmpty(arg, Value(), "a folder") },
                "--parameters" => options with { ParametersFile = NonEmpty(arg, Value(), "a .npz file") },
                _ when arg.StartsWith('-') => throw new UsageException($"Unknown option '{arg}'."),
                "" => throw new UsageException("Expected an image file, but was given an empty argument."),
                _ when options.Predict => options,
                _ => throw new UsageException($"Unexpected argument '{arg}': image files are only taken by 'predict'."),
            };
            if (!arg.StartsWith('-') && options.Predict) images.Add(arg);
        }

        if (options.Predict && options.ParametersFile is null && !options.Help)
            throw new UsageException("predict needs --parameters FILE (a .npz written by train or by np.savez).");
        return options with { Images = images };
    }

    static string NonEmpty(string option, string text, string expected) =>
        text.Length > 0 ? text : throw new UsageException($"{option} expects {expected}, but was given an empty value.");

    static NetGen.FirstLayerArithmetic ParseFirstLayer(string option, string text) => text switch
    {
        "direct" => NetGen.FirstLayerArithmetic.Direct,
        "gram-matrix" => NetGen.FirstLayerArithmetic.GramMatrix,
        _ => throw new UsageException($"{option} expects direct or gram-matrix, but was given '{text}'."),
    };

    static int PositiveInt(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"{option} expects a whole number greater than 0, but was given '{text}'.");

    static float PositiveFloat(string option, string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && float.IsFinite(value)
            ? value
            : throw new UsageException($"{option} expects a number greater than 0, but was given '{text}'.");
}

/// <summary>A command-line mistake: printed with the usage text, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
