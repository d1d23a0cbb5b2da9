using System;
using System.IO;
using CatClassifier;
using CatClassifier.Commands;
using Spectre.Console;

// Output to a file or a CI log: plain text, no escape codes, no live display.
if (Console.IsOutputRedirected)
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

try
{
    var options = Options.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(Options.Usage);
        return 0;
    }
    return options.Predict ? PredictCommand.Run(options) : TrainCommand.Run(options);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {OneLine(e.Message)} (--help lists the options)");
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    // Bad data, unreadable or unwritable files: one line saying what was wrong, not a stack trace.
    Console.Error.WriteLine($"error: {OneLine(e.Message)}");
    return 1;
}
catch (Exception e)
{
    // Anything else is a fault of this program rather than of its input; still one line, but with its kind.
    Console.Error.WriteLine($"error: {e.GetType().Name}: {OneLine(e.Message)}");
    return 1;
}

static string OneLine(string message) => message.ReplaceLineEndings(" ");
