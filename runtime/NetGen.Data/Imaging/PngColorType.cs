namespace NetGen.Data.Imaging;

/// <summary>The colour types of the PNG specification (IHDR byte 9).</summary>
internal enum PngColorType : byte
{
    /// <summary>One gray sample per pixel.</summary>
    Gray = 0,

    /// <summary>Red, green and blue samples.</summary>
    Rgb = 2,

    /// <summary>One index into the PLTE chunk.</summary>
    Palette = 3,

    /// <summary>Gray and alpha samples.</summary>
    GrayAlpha = 4,

    /// <summary>Red, green, blue and alpha samples.</summary>
    Rgba = 6,
}
