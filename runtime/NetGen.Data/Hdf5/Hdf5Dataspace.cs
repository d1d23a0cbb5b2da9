namespace NetGen.Data.Hdf5;

/// <summary>
/// Decodes a dataspace message (versions 1 and 2) into a shape. A scalar is the empty shape; the "null" dataspace
/// (<c>h5py.Empty</c>) has no elements to read and is refused. Dimensions whose product overflows are rejected here,
/// before anything is sized from them.
/// </summary>
internal static class Hdf5Dataspace
{
    // HDF5's own limit (H5S_MAX_RANK).
    const int MaxRank = 32;

    public static long[] Read(Hdf5Cursor body, string datasetPath)
    {
        var version = body.ReadByte();
        var rank = body.ReadByte();
        var flags = body.ReadByte();
        switch (version)
        {
            case 1:
                body.Skip(1 + 4);                         // reserved
                break;
            case 2:
                var kind = body.ReadByte();
                if (kind == 2)
                    throw body.Image.Unsupported(datasetPath, "a null dataspace (h5py.Empty, a dataset with no elements at all)", "it reads scalar and simple dataspaces");
                if (kind > 2) throw body.Corrupt($"dataspace type {kind}, expected 0 (scalar), 1 (simple) or 2 (null)");
                if (kind == 0 && rank != 0) throw body.Corrupt($"a scalar dataspace with {rank} dimensions");
                break;
            default:
                throw body.Corrupt($"dataspace message version {version}, expected 1 or 2");
        }
        if (rank > MaxRank) throw body.Corrupt($"{rank} dimensions, more than HDF5's limit of {MaxRank}");

        var shape = new long[rank];
        for (var i = 0; i < rank; i++) shape[i] = body.ReadLength($"dimension {i}");
        // Maximum dimensions (flag bit 0) follow; they only matter for resizable, hence chunked, datasets.
        ElementCount(shape, body);
        return shape;
    }

    /// <summary>The number of elements, failing clearly when the dimensions multiply past 2^63.</summary>
    public static long ElementCount(long[] shape, Hdf5Cursor where)
    {
        if (System.Array.IndexOf(shape, 0L) >= 0) return 0;
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension != 0 && count > long.MaxValue / dimension)
                throw where.Corrupt($"the dimensions ({string.Join(", ", shape)}) multiply to more than 2^63 elements");
            count *= dimension;
        }
        return count;
    }
}
