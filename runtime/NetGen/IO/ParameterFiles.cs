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
        var shapes = new ParameterShape[slots.Length];
        for (var i = 0; i < slots.Length; i++) shapes[i] = new(slots[i].Key, slots[i].Rows, slots[i].Columns);
        var problems = new List<ParameterProblem>();
        var arrays = ParameterCheck.Read(archive, shapes, problems);
        if (arrays is null) throw Misfit(path, shapes, problems);
        for (var i = 0; i < slots.Length; i++)
            arrays[i].CopyTo(slots[i].Values.AsSpan());
    }

    /// <summary>How many unexpected keys an error lists before "and N more".</summary>
    public const int ListedKeys = ParameterCheck.ListedKeys;

    static InvalidDataException Misfit(string path, ParameterShape[] shapes, List<ParameterProblem> problems)
    {
        var messages = problems.Where(p => p.Kind != ParameterProblemKind.Unexpected).Select(p => p.Message).ToList();
        var unexpected = problems.Where(p => p.Kind == ParameterProblemKind.Unexpected).Select(p => p.Key).ToList();
        if (unexpected.Count > 0) messages.Add($"unexpected {ParameterCheck.Capped(unexpected)}");
        var keyList = string.Join(", ", shapes.Select(shape => $"'{shape.Key}'"));
        return new InvalidDataException($"'{path}': the parameters do not fit this network (keys {keyList}): {string.Join("; ", messages)}.");
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
