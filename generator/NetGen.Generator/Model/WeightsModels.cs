using System;
using System.Collections.Immutable;

namespace NetGen.Generator.Model;

/// <summary>The <c>Weights = "..."</c> argument of one valid network: the file as written and where to report on it.</summary>
internal sealed record WeightsRequest(NetworkSpec Spec, string File, LocationInfo? Location);

/// <summary>
/// One .npz additional file as read from disk: its full path and bytes, or why it could not be read. Compared by
/// content, so a rewritten file with the same bytes changes nothing downstream.
/// </summary>
internal sealed class WeightsFile(string path, ImmutableArray<byte> bytes, string? error) : IEquatable<WeightsFile>
{
    public string Path { get; } = path;

    public ImmutableArray<byte> Bytes { get; } = bytes.IsDefault ? ImmutableArray<byte>.Empty : bytes;

    /// <summary>Why the file could not be read, or null.</summary>
    public string? Error { get; } = error;

    public bool Equals(WeightsFile? other) =>
        other is not null && Path == other.Path && Error == other.Error && Bytes.AsSpan().SequenceEqual(other.Bytes.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as WeightsFile);

    public override int GetHashCode() => Path.GetHashCode() ^ Bytes.Length;
}

/// <summary>Checked weights ready to embed: the float32 parameters W1, b1, W2, ... little-endian, base64-encoded.</summary>
internal sealed record TrainedWeights(NetworkSpec Spec, string File, long Floats, string Base64);

/// <summary>The outcome of checking one network's weights file: diagnostics (located) and, when there is no error, what to embed.</summary>
internal sealed record WeightsResult(EquatableArray<DiagnosticInfo> Diagnostics, TrainedWeights? Trained);
