using System.Globalization;
using CatClassifier.Data;
using NetGen.Data.Imaging;
using Spectre.Console;

namespace CatClassifier.Commands;

/// <summary>Loads saved parameters and prints P(cat) for the test images and for any PNG or JPEG files given.</summary>
public static class PredictCommand
{
    public static int Run(Options options)
    {
        var net = new CatNet();
        net.LoadParameters(options.ParametersFile!);
        var test = options.DataDirectory is null ? SyntheticCats.Create().Test : CourseFiles.Load(options.DataDirectory).Test;

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Image", "P(cat)", "Predicted", "Label");
        var probabilities = Evaluation.Probabilities(net, test);
        for (var i = 0; i < test.Count; i++)
            table.AddRow($"{test.Name} #{i}", Format(probabilities[i]), Name(probabilities[i]), test.Y[i] == 1 ? "cat" : "non-cat");
        foreach (var path in options.Images)
        {
            var probability = net.Predict(ImageFile.Decode(path).ResizeTo(LabelledImages.Width, LabelledImages.Height).ToNetworkInput());
            table.AddRow(Markup.Escape(path), Format(probability), Name(probability), "");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Accuracy on {test.Name}: {Evaluation.Accuracy(net, test).ToString("F4", CultureInfo.InvariantCulture)}");
        return 0;
    }

    static string Format(float probability) => probability.ToString("F4", CultureInfo.InvariantCulture);

    static string Name(float probability) => probability > 0.5f ? "cat" : "non-cat";
}
