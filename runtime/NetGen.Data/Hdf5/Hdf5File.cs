using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Data.Hdf5;

/// <summary>
/// A small, read-only, bounds-checked HDF5 reader for the files h5py writes by default, such as the course's
/// <c>train_catvnoncat.h5</c>. The whole file is read into memory (files over 2 GiB are refused).
/// </summary>
/// <remarks>
/// <para><b>Supported:</b> superblock versions 0 to 3 (h5py's default and <c>libver='latest'</c>); object header
/// versions 1 and 2 with continuation chunks; symbol-table groups (version 1 B-tree and local heap) and compact
/// link-message groups; hard links; contiguous and compact datasets, including never-written ones of up to 16 MiB
/// (read as their fill value); integers of 1, 2, 4 and 8 bytes (signed or unsigned), IEEE floats of 2, 4 and 8 bytes and
/// fixed-length strings (null-terminated, null-padded or space-padded, ASCII or UTF-8), in either byte order;
/// scalar and simple dataspaces, including empty ones. Checksums of version 2 metadata are verified.</para>
/// <para><b>Refused</b> with an <see cref="InvalidDataException"/> naming the file, the object and the feature:
/// chunked storage (so compression and other filters, and resizable datasets), virtual datasets, external storage,
/// variable-length strings and other datatype classes (compound, enum/bool, array, reference, opaque, ...),
/// non-IEEE floats, null dataspaces (<c>h5py.Empty</c>), shared or committed message storage, dense link storage
/// (groups of more than 8 members under <c>libver='latest'</c>), following soft, external or user-defined links,
/// and unknown header messages that are marked as required.</para>
/// <para><b>Damaged or hostile files</b> (truncated, addresses or lengths past the end, group or B-tree cycles,
/// continuation loops, absurd dimensions or message sizes) fail with an <see cref="InvalidDataException"/> saying
/// what is wrong and where, before anything is allocated from the bad value. The metadata walked is capped at
/// twice the file's size, so structures that overlap to multiply the work fail too.</para>
/// <para>Instances are safe to use from several threads.</para>
/// </remarks>
public sealed class Hdf5File
{
    readonly Hdf5FileImage image;
    readonly Hdf5Hierarchy hierarchy;
    readonly List<string> datasetNames;
    readonly object sync = new();

    Hdf5File(Hdf5FileImage image, Hdf5Hierarchy hierarchy, List<string> datasetNames)
    {
        this.image = image;
        this.hierarchy = hierarchy;
        this.datasetNames = datasetNames;
    }

    /// <summary>The path the file was opened from.</summary>
    public string FileName => image.FileName;

    /// <summary>
    /// The full path of every dataset (no leading slash: <c>"train_set_x"</c>, <c>"group/sub"</c>), depth first in
    /// name order, each dataset once even when several hard links reach it (as h5py's <c>visit</c> lists them).
    /// </summary>
    public IReadOnlyList<string> DatasetNames => datasetNames;

    /// <summary>Reads the HDF5 file at <paramref name="path"/> and its group tree.</summary>
    /// <exception cref="InvalidDataException">The file is not HDF5, is damaged, is over 2 GiB, or its group tree uses a refused feature.</exception>
    public static Hdf5File Open(string path)
    {
        byte[] data;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
        {
            if (!stream.CanSeek)
                throw new InvalidDataException($"'{path}' is a pipe or device that cannot seek; expected an HDF5 file, which is read whole by its length.");
            if (stream.Length > Array.MaxLength)
                throw new InvalidDataException($"HDF5 file '{path}' is {stream.Length} bytes; this reader reads files of up to 2 GiB.");
            data = new byte[stream.Length];
            stream.ReadExactly(data);
        }
        return FromBytes(data, path);
    }

    /// <summary>Reads an HDF5 file held in memory; <paramref name="contents"/> is used as is, not copied.</summary>
    internal static Hdf5File FromBytes(byte[] contents, string fileName)
    {
        var superblock = Hdf5Superblock.Read(new Hdf5FileImage(contents, fileName));
        var hierarchy = new Hdf5Hierarchy(superblock.Image, superblock.RootObjectAddress);
        return new Hdf5File(superblock.Image, hierarchy, hierarchy.DatasetPaths());
    }

    /// <summary>The dataset at <paramref name="path"/> ("train_set_x", "group/sub"; a leading slash is optional).</summary>
    /// <exception cref="KeyNotFoundException">No dataset has that path; the message lists the datasets there are.</exception>
    /// <exception cref="InvalidDataException">The dataset uses a refused feature or is damaged.</exception>
    public Hdf5Dataset GetDataset(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (sync)
        {
            var found = hierarchy.Resolve(path);
            if (found is not var (header, fullPath) || fullPath.Length == 0)
                throw new KeyNotFoundException($"HDF5 file '{FileName}' has no dataset '{path}'. {Available()}");
            if (!Hdf5Hierarchy.IsDataset(header))
                throw new KeyNotFoundException($"'{path}' in HDF5 file '{FileName}' is {(Hdf5Hierarchy.IsGroup(header) ? "a group" : "not a dataset")}. {Available()}");
            return Hdf5DatasetLoader.Load(image, header, fullPath);
        }
    }

    string Available()
    {
        const int Shown = 20;
        if (datasetNames.Count == 0) return "It has no datasets.";
        var names = string.Join(", ", datasetNames.Take(Shown).Select(name => $"'{name}'"));
        return datasetNames.Count > Shown ? $"Datasets: {names} and {datasetNames.Count - Shown} more." : $"Datasets: {names}.";
    }
}
