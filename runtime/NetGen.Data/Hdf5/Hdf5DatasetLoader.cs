namespace NetGen.Data.Hdf5;

/// <summary>
/// Turns a dataset's object header into an <see cref="Hdf5Dataset"/>: refuses every feature that would change how
/// its bytes must be read (chunking, filters, external files, shared messages, unknown must-understand messages),
/// then decodes layout, datatype and dataspace and checks that the stored bytes match.
/// </summary>
internal static class Hdf5DatasetLoader
{
    const long UnallocatedLimit = 16L << 20;

    public static Hdf5Dataset Load(Hdf5FileImage image, Hdf5ObjectHeader header, string path)
    {
        RefuseUnsupportedMessages(image, header, path);
        var hasFilters = header.Has(Hdf5MessageType.FilterPipeline);
        var storage = Hdf5DataLayout.Read(Body(image, header, Hdf5MessageType.DataLayout, path), path, hasFilters);
        if (hasFilters)
            throw image.Unsupported(path, "a filter pipeline on unchunked data", "it reads unfiltered contiguous and compact datasets");
        var type = Hdf5Datatype.Read(Body(image, header, Hdf5MessageType.Datatype, path), path);
        var dataspace = Body(image, header, Hdf5MessageType.Dataspace, path);
        var shape = Hdf5Dataspace.Read(dataspace, path);
        var count = Hdf5Dataspace.ElementCount(shape, dataspace);
        if (count > long.MaxValue / type.Size)
            throw dataspace.Corrupt($"{count} elements of {type.Size} bytes are more than 2^63 bytes");
        var byteCount = count * type.Size;
        Hdf5DataLayout.CheckSize(image, storage, byteCount, path);
        // Stored data is bounded by the file. Never-written data is made up from the fill value, so a few bytes of
        // header could otherwise demand gigabytes.
        if (storage.Kind == Hdf5StorageKind.Unallocated && byteCount > UnallocatedLimit)
            throw image.Unsupported(path, $"a never-written (unallocated) dataset of {byteCount} bytes", $"it makes up never-written datasets of up to {UnallocatedLimit >> 20} MiB from their fill value");
        var fill = storage.Kind == Hdf5StorageKind.Unallocated ? Hdf5FillValue.Read(image, header, type.Size) : null;
        return new Hdf5Dataset(image, path, shape, count, type, storage, fill);
    }

    static void RefuseUnsupportedMessages(Hdf5FileImage image, Hdf5ObjectHeader header, string path)
    {
        foreach (var message in header.Messages)
        {
            switch (message.Type)
            {
                case Hdf5MessageType.ExternalDataFiles:
                    throw image.Unsupported(path, "external storage (raw data kept in other files)", "it reads data stored inside the file");
                case Hdf5MessageType.Dataspace or Hdf5MessageType.Datatype or Hdf5MessageType.FillValue
                    or Hdf5MessageType.FillValueOld or Hdf5MessageType.DataLayout when (message.Flags & Hdf5MessageType.SharedFlag) != 0:
                    throw image.Unsupported(path, $"a shared {Hdf5MessageType.Describe(message.Type)} message (a committed datatype or shared message storage)", "it reads messages stored in the dataset's own header");
                case > Hdf5MessageType.HighestKnown when (message.Flags & Hdf5MessageType.FailIfUnknownFlag) != 0:
                    throw image.Unsupported(path, $"header message type 0x{message.Type:X2}, which readers must understand", "it knows the message types of the HDF5 1.10 format");
            }
        }
    }

    static Hdf5Cursor Body(Hdf5FileImage image, Hdf5ObjectHeader header, int type, string path) =>
        header.Find(type) is { } message
            ? header.Body(image, message)
            : throw image.Corrupt($"dataset '{path}' has no {Hdf5MessageType.Describe(type)} message");
}
