using System;
using System.Collections.Generic;
using System.Linq;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>One parameter array a network expects: the course's key and its (rows, columns) shape.</summary>
internal readonly record struct ParameterShape(string Key, int Rows, int Columns)
{
    public long Elements => (long)Rows * Columns;

    /// <summary>What the array should be, for messages.</summary>
    public string Expected => $"float32 array of shape ({Rows}, {Columns})";
}

/// <summary>What is wrong with one array of a parameter file.</summary>
internal enum ParameterProblemKind
{
    /// <summary>A key the network has is not in the file.</summary>
    Missing,
    /// <summary>The file holds a key the network does not have.</summary>
    Unexpected,
    /// <summary>The zip directory declares a size no array of the expected shape can have.</summary>
    WrongSize,
    /// <summary>The array is not float32 or float64.</summary>
    WrongDType,
    /// <summary>The array's shape is not the expected one.</summary>
    WrongShape,
}

/// <summary>A problem with the array <paramref name="Key"/>; <paramref name="Message"/> says what was expected and found.</summary>
internal readonly record struct ParameterProblem(ParameterProblemKind Kind, string Key, string Message);

/// <summary>
/// The rules a parameter file must meet, in one place for the runtime (<c>ParameterFiles.Load</c>) and the
/// generator (which checks <c>Weights = "..."</c> files at build time with this same code): exactly the network's
/// keys, float32 or float64, shape (n_l, n_{l-1}) or (n_l, 1) (a bias also as (n_l,)). Nothing is inflated before
/// the zip directory shows exactly those keys with sizes their arrays can have, and no array's data before its
/// .npy header shows the expected shape, so a hostile file (a zip bomb) costs no more memory than the parameters.
/// </summary>
internal static class ParameterCheck
{
    /// <summary>
    /// The arrays of <paramref name="archive"/> in the order of <paramref name="shapes"/>, or null after adding to
    /// <paramref name="problems"/> everything that keeps them from fitting.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The archive is damaged (an entry's CRC-32 or size) or an entry is not a .npy array.</exception>
    public static NpyArray[]? Read(NpzArchive archive, IReadOnlyList<ParameterShape> shapes, List<ParameterProblem> problems)
    {
        var entries = new Dictionary<string, NpzEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries) entries.Add(entry.Key, entry);

        // First the directory: names and declared sizes, before anything is inflated.
        var start = problems.Count;
        var expectedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shape in shapes)
        {
            expectedKeys.Add(shape.Key);
            if (!entries.TryGetValue(shape.Key, out var entry))
                problems.Add(new(ParameterProblemKind.Missing, shape.Key, $"missing '{shape.Key}' (expected a {shape.Expected})"));
            else if (!CanHold(entry.DeclaredLength, shape))
                problems.Add(new(ParameterProblemKind.WrongSize, shape.Key,
                    $"'{shape.Key}' declares {entry.DeclaredLength} bytes, expected {MinBytes(shape)} to {MaxBytes(shape)} for a {shape.Expected} (or float64)"));
        }
        foreach (var entry in archive.Entries)
            if (!expectedKeys.Contains(entry.Key))
                problems.Add(new(ParameterProblemKind.Unexpected, entry.Key, $"unexpected '{entry.Key}'"));
        if (problems.Count > start) return null;

        // Then each array's header, before its data.
        var arrays = new NpyArray[shapes.Count];
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i];
            arrays[i] = archive.Read(entries[shape.Key], header =>
            {
                var problem = Mismatch(header, shape);
                if (problem is { } found) problems.Add(found);
                return problem is null;
            })!;
        }
        return problems.Count > start ? null : arrays;
    }

    /// <summary>How many unexpected keys a message lists before "and N more".</summary>
    public const int ListedKeys = 10;

    /// <summary>Quoted keys, the first <see cref="ListedKeys"/> of them, then how many more.</summary>
    public static string Capped(IReadOnlyList<string> keys)
    {
        var quoted = keys.Select(key => $"'{key}'");
        return keys.Count <= ListedKeys
            ? string.Join(", ", quoted)
            : $"{string.Join(", ", quoted.Take(ListedKeys))} and {keys.Count - ListedKeys} more";
    }

    static long MinBytes(ParameterShape shape) => shape.Elements * NpyDescr.ElementSize(NpyDType.Float32);

    static long MaxBytes(ParameterShape shape) => Npy.MaxFileBytes(NpyDType.Float64, shape.Elements);

    static bool CanHold(long declaredLength, ParameterShape shape) => declaredLength >= MinBytes(shape) && declaredLength <= MaxBytes(shape);

    static ParameterProblem? Mismatch(NpyHeader header, ParameterShape shape)
    {
        var found = NpyShape.Format(header.Shape);
        if (header.DType is not (NpyDType.Float32 or NpyDType.Float64))
            return new(ParameterProblemKind.WrongDType, shape.Key,
                $"'{shape.Key}' is {NpyDescr.Name(header.DType)} of shape {found}, expected a {shape.Expected} (float64 is also accepted)");
        if (!Fits(header.Shape, shape))
            return new(ParameterProblemKind.WrongShape, shape.Key, $"'{shape.Key}' has shape {found}, expected ({shape.Rows}, {shape.Columns})");
        return null;
    }

    static bool Fits(IReadOnlyList<int> found, ParameterShape shape)
    {
        if (found.Count == 2) return found[0] == shape.Rows && found[1] == shape.Columns;
        // A bias vector saved as b.ravel() or b.reshape(-1) is still unambiguous.
        return found.Count == 1 && shape.Columns == 1 && found[0] == shape.Rows;
    }
}
