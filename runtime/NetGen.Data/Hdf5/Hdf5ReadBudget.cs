namespace NetGen.Data.Hdf5;

/// <summary>
/// Caps the metadata bytes walked for one file at twice its size. Structures of a real file do not overlap and each
/// is read once (headers and group member lists are cached), so only a hostile file, whose headers or B-tree nodes
/// point into each other or share parts, can reach the cap; it then fails instead of doing quadratic work.
/// </summary>
internal sealed class Hdf5ReadBudget(Hdf5FileImage image)
{
    readonly long limit = 2 * image.Length + 4096;
    long spent;

    /// <summary>Charges <paramref name="bytes"/> read for <paramref name="what"/> <paramref name="subject"/> ("the B-tree of group" 'x').</summary>
    public void Spend(long bytes, string what, string subject)
    {
        spent += bytes;
        if (spent > limit)
            throw image.Corrupt($"reading {what} '{subject}' brings the metadata walked to more than twice the file's {image.Length} bytes, so its structures overlap or repeat");
    }
}
