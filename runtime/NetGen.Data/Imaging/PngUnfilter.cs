using System;

namespace NetGen.Data.Imaging;

/// <summary>Reverses the five PNG scanline filters in place (PNG specification, section 9).</summary>
internal static class PngUnfilter
{
    /// <summary>Unfilters every row of <paramref name="scanlines"/>; afterwards each row's bytes (after its filter byte) are raw pixel data.</summary>
    public static void Apply(Span<byte> scanlines, PngHeader header, string source)
    {
        int rowBytes = header.RowBytes, stride = header.FilterStride;
        // Row 0 filters against an imaginary all-zero row above it.
        ReadOnlySpan<byte> previous = new byte[rowBytes];
        for (int y = 0; y < header.Height; y++)
        {
            int start = y * (rowBytes + 1);
            byte filter = scanlines[start];
            Span<byte> row = scanlines.Slice(start + 1, rowBytes);
            switch (filter)
            {
                case 0: break;
                case 1: UnfilterSub(row, stride); break;
                case 2: UnfilterUp(row, previous); break;
                case 3: UnfilterAverage(row, previous, stride); break;
                case 4: UnfilterPaeth(row, previous, stride); break;
                default:
                    throw PngErrors.Corrupt(source, $"row {y} has filter type {filter}; PNG defines 0 to 4");
            }
            previous = row;
        }
    }

    static void UnfilterSub(Span<byte> row, int stride)
    {
        for (int i = stride; i < row.Length; i++) row[i] += row[i - stride];
    }

    static void UnfilterUp(Span<byte> row, ReadOnlySpan<byte> above)
    {
        for (int i = 0; i < row.Length; i++) row[i] += above[i];
    }

    static void UnfilterAverage(Span<byte> row, ReadOnlySpan<byte> above, int stride)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= stride ? row[i - stride] : 0;
            row[i] += (byte)((left + above[i]) >> 1);
        }
    }

    static void UnfilterPaeth(Span<byte> row, ReadOnlySpan<byte> above, int stride)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= stride ? row[i - stride] : 0;
            int upperLeft = i >= stride ? above[i - stride] : 0;
            row[i] += (byte)PaethPredictor(left, above[i], upperLeft);
        }
    }

    static int PaethPredictor(int left, int above, int upperLeft)
    {
        int estimate = left + above - upperLeft;
        int toLeft = Math.Abs(estimate - left), toAbove = Math.Abs(estimate - above), toUpperLeft = Math.Abs(estimate - upperLeft);
        if (toLeft <= toAbove && toLeft <= toUpperLeft) return left;
        return toAbove <= toUpperLeft ? above : upperLeft;
    }
}
