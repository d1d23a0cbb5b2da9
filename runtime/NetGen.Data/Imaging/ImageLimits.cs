namespace NetGen.Data.Imaging;

/// <summary>The largest images the decoders accept, checked before pixel memory is allocated.</summary>
internal static class ImageLimits
{
    /// <summary>
    /// 64 megapixels covers any camera photo, while a corrupt header claiming e.g. 100000 x 100000 would otherwise
    /// ask for tens of gigabytes.
    /// </summary>
    public const long MaxPixels = 1L << 26;

    /// <summary>256 MiB: several times the largest 64-megapixel photo a camera writes, so only a wrong file is refused.</summary>
    public const long MaxFileBytes = 1L << 28;
}
