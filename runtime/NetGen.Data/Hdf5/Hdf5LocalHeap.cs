using System;
using System.Text;

namespace NetGen.Data.Hdf5;

/// <summary>
/// A local heap ("HEAP"): the block of null-terminated link names that a symbol-table group's entries point into.
/// </summary>
internal sealed class Hdf5LocalHeap
{
    readonly Hdf5FileImage image;
    readonly long dataAddress;
    readonly long dataLength;
    readonly string groupPath;
    readonly Hdf5ReadBudget budget;

    Hdf5LocalHeap(Hdf5FileImage image, long dataAddress, long dataLength, string groupPath, Hdf5ReadBudget budget)
    {
        this.image = image;
        this.dataAddress = dataAddress;
        this.dataLength = dataLength;
        this.groupPath = groupPath;
        this.budget = budget;
    }

    public static Hdf5LocalHeap Read(Hdf5FileImage image, long address, string groupPath, Hdf5ReadBudget budget)
    {
        var cursor = image.From(address, "local heap of group", groupPath);
        cursor.ExpectSignature("HEAP");
        var version = cursor.ReadByte();
        if (version != 0) throw cursor.Corrupt($"local heap version {version}, expected 0");
        cursor.Skip(3);                                   // reserved
        var dataLength = cursor.ReadLength("data segment size");
        cursor.ReadLength("free list offset");
        var dataAddress = cursor.ReadAddress("data segment address");
        image.At(dataAddress, dataLength, "local heap data segment of group", groupPath);  // validates it lies in the file
        return new Hdf5LocalHeap(image, dataAddress, dataLength, groupPath, budget);
    }

    /// <summary>
    /// The null-terminated name at <paramref name="offset"/> into the data segment. The bytes scanned are charged to
    /// the budget: names of a real group are distinct, but a hostile one could point every entry at one long run.
    /// </summary>
    public string NameAt(long offset)
    {
        if (offset < 0 || offset >= dataLength)
            throw image.Corrupt($"group '{groupPath}': a link name offset {offset} lies outside its local heap ({dataLength} bytes)");
        var rest = image.Data.AsSpan((int)(dataAddress + offset), (int)(dataLength - offset));
        var terminator = rest.IndexOf((byte)0);
        if (terminator < 0)
            throw image.Corrupt($"group '{groupPath}': the link name at heap offset {offset} has no terminating null byte");
        budget.Spend(terminator + 1, "the link names of group", groupPath);
        return Encoding.UTF8.GetString(rest[..terminator]);
    }
}
