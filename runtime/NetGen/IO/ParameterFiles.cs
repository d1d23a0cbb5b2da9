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
    /// Every key and shape is checked before anything is copied, so on any error the slots are unchanged.
    /// </summary>
    /// <remarks>
    /// Accepts float32 and float64 arrays (float64 is rounded to float32) and, for slots with one column,
    /// shape (Rows,) as well as (Rows, 1).
    /// </remarks>
    /// <exception cref="ArgumentException">A slot has no key, a repeated key, or <c>Values.Length != Rows * Columns</c>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a readable .npz, lacks a slot's key, holds a key no slot has, or holds an array of the wrong
    /// shape or dtype; the message names the file and every offending key with the expected and found shapes.
    /// </exception>
    public static void Load(string path, ReadOnlySpan<ParameterSlot> slots)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSlots(slots);
        var arrays = Npz.Read(path);

        var problems = new List<string>();
        var expectedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            expectedKeys.Add(slot.Key);
            var expected = $"float32 array of shape ({slot.Rows}, {slot.Columns})";
            if (!arrays.TryGetValue(slot.Key, out var array))
                problems.Add($"missing '{slot.Key}' (expected a {expected})");
            else if (array.DType is not (NpyDType.Float32 or NpyDType.Float64))
                problems.Add($"'{slot.Key}' is {NpyDescr.Name(array.DType)} of shape {array.ShapeText}, expected a {expected} (float64 is also accepted)");
            else if (!Fits(array, slot))
                problems.Add($"'{slot.Key}' has shape {array.ShapeText}, expected ({slot.Rows}, {slot.Columns})");
        }
        foreach (var (key, array) in arrays)
        {
            if (!expectedKeys.Contains(key))
                problems.Add($"unexpected '{key}' of shape {array.ShapeText}");
        }
        if (problems.Count > 0)
        {
            var keyList = string.Join(", ", expectedKeys.Select(key => $"'{key}'"));
            throw new InvalidDataException($"'{path}': the parameters do not fit this network (keys {keyList}): {string.Join("; ", problems)}.");
        }

        foreach (var slot in slots)
            arrays[slot.Key].CopyTo(slot.Values.AsSpan());
    }

    static bool Fits(NpyArray array, ParameterSlot slot)
    {
        var shape = array.Shape;
        if (shape.Count == 2) return shape[0] == slot.Rows && shape[1] == slot.Columns;
        // A bias vector saved as b.ravel() or b.reshape(-1) is still unambiguous.
        return shape.Count == 1 && slot.Columns == 1 && shape[0] == slot.Rows;
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
