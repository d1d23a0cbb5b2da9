namespace NetGen.Data.Hdf5;

/// <summary>Where a dataset's elements are.</summary>
internal enum Hdf5StorageKind
{
    /// <summary>One block of the file.</summary>
    Contiguous,

    /// <summary>Inside the layout message itself (small datasets).</summary>
    Compact,

    /// <summary>Never written: every element is the fill value.</summary>
    Unallocated,
}

/// <summary>
/// The stored bytes of a dataset: <paramref name="Length"/> bytes at absolute <paramref name="Address"/>; a length of
/// -1 means the layout message does not record it (layout versions 1 and 2 derive it from the dataspace).
/// </summary>
internal readonly record struct Hdf5Storage(Hdf5StorageKind Kind, long Address, long Length);

/// <summary>
/// Decodes a data layout message (versions 1 to 5) for contiguous and compact datasets, refusing chunked and virtual
/// layouts by name, and checks the stored bytes against what the dataspace and element size need.
/// </summary>
internal static class Hdf5DataLayout
{
    const int CompactClass = 0;
    const int ContiguousClass = 1;
    const int ChunkedClass = 2;
    const int VirtualClass = 3;
    const string Supported = "it reads contiguous and compact datasets";

    public static Hdf5Storage Read(Hdf5Cursor body, string datasetPath, bool hasFilters)
    {
        var version = body.ReadByte();
        if (version is < 1 or > 5) throw body.Corrupt($"data layout message version {version}, expected 1 to 5");
        return version < 3 ? ReadVersion1Or2(body, datasetPath, hasFilters) : ReadVersion3Plus(body, datasetPath, hasFilters);
    }

    /// <summary>Fails unless the stored bytes are exactly <paramref name="requiredBytes"/> and lie inside the file.</summary>
    public static void CheckSize(Hdf5FileImage image, Hdf5Storage storage, long requiredBytes, string datasetPath)
    {
        if (storage.Kind == Hdf5StorageKind.Unallocated) return;
        if (storage.Length >= 0 && storage.Length != requiredBytes)
            throw image.Corrupt($"dataset '{datasetPath}' stores {storage.Length} bytes of {storage.Kind.ToString().ToLowerInvariant()} data but its shape and element size need {requiredBytes}");
        image.At(storage.Address, requiredBytes, "raw data of dataset", datasetPath);
    }

    static Hdf5Storage ReadVersion1Or2(Hdf5Cursor body, string datasetPath, bool hasFilters)
    {
        var dimensions = body.ReadByte();
        var layoutClass = body.ReadByte();
        body.Skip(5);                                     // reserved
        RefuseUnsupportedClass(body, datasetPath, layoutClass, hasFilters);
        var address = layoutClass == ContiguousClass ? body.ReadAddress("raw data address") : Hdf5FileImage.UndefinedAddress;
        body.Skip(dimensions * 4L);                       // the dimensions again, 32-bit; the dataspace message is authoritative
        if (layoutClass == ContiguousClass) return Contiguous(address, storedBytes: -1);
        return Compact(body, datasetPath, body.ReadUInt32());
    }

    static Hdf5Storage ReadVersion3Plus(Hdf5Cursor body, string datasetPath, bool hasFilters)
    {
        var layoutClass = body.ReadByte();
        RefuseUnsupportedClass(body, datasetPath, layoutClass, hasFilters);
        if (layoutClass == CompactClass) return Compact(body, datasetPath, body.ReadUInt16());
        var address = body.ReadAddress("raw data address");
        return Contiguous(address, body.ReadLength("raw data size"));
    }

    static void RefuseUnsupportedClass(Hdf5Cursor body, string datasetPath, int layoutClass, bool hasFilters)
    {
        switch (layoutClass)
        {
            case CompactClass or ContiguousClass:
                return;
            case ChunkedClass:
                var filters = hasFilters ? " with filters (compression such as gzip)" : "";
                throw body.Image.Unsupported(datasetPath, $"chunked storage{filters} (h5py chunks datasets created with chunks=, compression= or maxshape=)", Supported);
            case VirtualClass:
                throw body.Image.Unsupported(datasetPath, "virtual dataset storage (data mapped from other datasets)", Supported);
            default:
                throw body.Corrupt($"layout class {layoutClass}, expected 0 (compact), 1 (contiguous), 2 (chunked) or 3 (virtual)");
        }
    }

    static Hdf5Storage Contiguous(long address, long storedBytes) =>
        address == Hdf5FileImage.UndefinedAddress
            ? new Hdf5Storage(Hdf5StorageKind.Unallocated, address, 0)
            : new Hdf5Storage(Hdf5StorageKind.Contiguous, address, storedBytes);

    static Hdf5Storage Compact(Hdf5Cursor body, string datasetPath, long storedBytes)
    {
        var data = body.Slice(storedBytes, "compact data of dataset", datasetPath);
        return new Hdf5Storage(Hdf5StorageKind.Compact, data.Start, storedBytes);
    }
}
