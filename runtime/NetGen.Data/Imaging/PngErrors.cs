using System.IO;

namespace NetGen.Data.Imaging;

/// <summary>Builds the exceptions the PNG decoder throws, so every message names the file and the problem.</summary>
internal static class PngErrors
{
    /// <summary>The file breaks the PNG format (or is truncated or damaged).</summary>
    public static InvalidDataException Corrupt(string source, string detail) =>
        new($"'{source}' is not a valid PNG file: {detail}.");

    /// <summary>The file is a valid PNG that uses a feature this decoder leaves out.</summary>
    public static InvalidDataException Unsupported(string source, string feature) =>
        new($"'{source}' uses {feature}, which NetGen's PNG decoder does not support " +
            "(it reads non-interlaced 8-bit RGB, RGBA, grayscale, gray+alpha and 1/2/4/8-bit palette or grayscale images); " +
            "re-save the image in one of those forms.");
}
