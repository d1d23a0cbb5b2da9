using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.IO;

/// <summary>
/// Saves and loads a network's parameters as the course does with <c>np.savez(path, **parameters)</c> and
/// <c>np.load(path)</c>: one float32 array per key, <c>W_l</c> of shape (n_l, n_{l-1}) and <c>b_l</c> of shape (n_l, 1).
/// </summary>
public static class ParameterFiles
{
    /// <summary>Writes every slot as a float32 array of shape (Rows, Columns) into the .npz file at <paramref name="path"/>, atomically.</summary>
    /// <exception cref="ArgumentException">A slot has no key, a repeated key, or <c>Values.Length != Rows * Columns</c>.</exception>
    public static void Save(string path, ReadOnlySpan<ParameterSlot> slots)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSlots(slots);
        var arrays = new List<KeyValuePair<string, NpyArray>>(slots.Length);
        foreach (var slot in slots)
            arrays.Add(new(slot.Key, NpyArray.FromSingles(slot.Values, slot.Rows, slot.Columns)));
        Npz.Write(path, arrays);
    }

    /// <summary>
    /// Reads the .npz file at <paramref name="path"/> and copies each array into its slot's <c>Values</c>.
    /// Every key, size and shape is checked before anything is copied, so on any error the slots are unchanged.
    /// </summary>
    /// <remarks>
    /// Accepts float32 and float64 arrays (float64 is rounded to float32) and, for slots with one column,
    /// shape (Rows,) as well as (Rows, 1). Nothing is inflated before the zip directory shows exactly the slots'
    /// keys with sizes their arrays can have, and no array's data before its .npy header shows the slot's shape,
    /// so a hostile file (a zip bomb) costs no more memory than the network's own parameters.
    /// </remarks>
    /// <exception cref="ArgumentException">A slot has no key, a repeated key, or <c>Values.Length != Rows * Columns</c>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a readable .npz, is damaged (an entry's CRC-32 or size does not match), lacks a slot's key,
    /// holds a key no slot has, or holds an array of the wrong size, shape or dtype; the message names the file and
    /// every offending key (unexpected ones up to <see cref="ListedKeys"/>) with what was expected and found.
    /// </exception>
    public static void Load(string path, ReadOnlySpan<ParameterSlot> slots)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSlots(slots);
        using var archive = NpzArchive.Open(path);
        var entries = new Dictionary<string, NpzEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries) entries.Add(entry.Key, entry);

        // First the directory: names and declared sizes, before anything is inflated.
        var problems = new List<string>();
        var expectedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            expectedKeys.Add(slot.Key);
            if (!entries.TryGetValue(slot.Key, out var entry))
                problems.Add($"missing '{slot.Key}' (expected a {Expected(slot)})");
            else if (!CanHold(entry.DeclaredLength, slot))
                problems.Add($"'{slot.Key}' declares {entry.DeclaredLength} bytes, expected {MinBytes(slot)} to {MaxBytes(slot)} for a {Expected(slot)} (or float64)");
        }
        var unexpected = archive.Entries.Where(entry => !expectedKeys.Contains(entry.Key)).Select(entry => $"'{entry.Key}'").ToList();
        if (unexpected.Count > 0)
            problems.Add($"unexpected {Capped(unexpected)}");
        ThrowIfAny(problems, path, expectedKeys);

        // Then each array's header, before its data.
        var arrays = new NpyArray?[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            arrays[i] = archive.Read(entries[slot.Key], header =>
            {
                var problem = Mismatch(header, slot);
                if (problem is not null) problems.Add(problem);
                return problem is null;
            });
        }
        ThrowIfAny(problems, path, expectedKeys);

        for (var i = 0; i < slots.Length; i++)
            arrays[i]!.CopyTo(slots[i].Values.AsSpan());
    }

    /// <summary>How many unexpected keys an error lists before "and N more".</summary>
    public const int ListedKeys = 10;

    static string Expected(ParameterSlot slot) => $"float32 array of shape ({slot.Rows}, {slot.Columns})";

    static long MinBytes(ParameterSlot slot) => (long)slot.Rows * slot.Columns * NpyDescr.ElementSize(NpyDType.Float32);

    static long MaxBytes(ParameterSlot slot) => Npy.MaxFileBytes(NpyDType.Float64, (long)slot.Rows * slot.Columns);

    static bool CanHold(long declaredLength, ParameterSlot slot) => declaredLength >= MinBytes(slot) && declaredLength <= MaxBytes(slot);

    static string? Mismatch(NpyHeader header, ParameterSlot slot)
    {
        var shape = NpyShape.Format(header.Shape);
        if (header.DType is not (NpyDType.Float32 or NpyDType.Float64))
            return $"'{slot.Key}' is {NpyDescr.Name(header.DType)} of shape {shape}, expected a {Expected(slot)} (float64 is also accepted)";
        if (!Fits(header.Shape, slot))
            return $"'{slot.Key}' has shape {shape}, expected ({slot.Rows}, {slot.Columns})";
        return null;
    }

    static bool Fits(IReadOnlyList<int> shape, ParameterSlot slot)
    {
        if (shape.Count == 2) return shape[0] == slot.Rows && shape[1] == slot.Columns;
        // A bias vector saved as b.ravel() or b.reshape(-1) is still unambiguous.
        return shape.Count == 1 && slot.Columns == 1 && shape[0] == slot.Rows;
    }

    static string Capped(List<string> keys) =>
        keys.Count <= ListedKeys ? string.Join(", ", keys) : $"{string.Join(", ", keys.Take(ListedKeys))} and {keys.Count - ListedKeys} more";

    static void ThrowIfAny(List<string> problems, string path, HashSet<string> expectedKeys)
    {
        if (problems.Count == 0) return;
        var keyList = string.Join(", ", expectedKeys.Select(key => $"'{key}'"));
        throw new InvalidDataException($"'{path}': the parameters do not fit this network (keys {keyList}): {string.Join("; ", problems)}.");
    }

    static void CheckSlots(ReadOnlySpan<ParameterSlot> slots)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            if (string.IsNullOrEmpty(slot.Key))
                throw new ArgumentException("Every parameter slot needs a non-empty key.", nameof(slots));
            if (!keys.Add(slot.Key))
                throw new ArgumentException($"Each parameter key may appear once; '{slot.Key}' appears twice.", nameof(slots));
            if (slot.Values is null)
                throw new ArgumentException($"Parameter '{slot.Key}' has no values array.", nameof(slots));
            if (slot.Rows < 0 || slot.Columns < 0 || (long)slot.Rows * slot.Columns != slot.Values.Length)
                throw new ArgumentException(
                    $"Parameter '{slot.Key}' is declared {slot.Rows} x {slot.Columns} = {(long)slot.Rows * slot.Columns} elements, but its values array has {slot.Values.Length}.",
                    nameof(slots));
        }
    }
}
