using System.Collections.Generic;

namespace NetGen.Data.Hdf5;

/// <summary>One message of an object header: its type, flags and where its body is in the file.</summary>
internal readonly record struct Hdf5Message(int Type, byte Flags, long BodyAddress, int BodyLength);

/// <summary>
/// An object header (version 1, or version 2 with its "OHDR" signature) with its continuation chunks followed, reduced
/// to the list of messages. Each continuation is followed at most once and the message count is capped, so a
/// continuation loop or a header claiming millions of messages fails fast.
/// </summary>
internal sealed class Hdf5ObjectHeader
{
    // A version 1 header counts its messages in 16 bits; nothing legitimate has more, in either version.
    const int MaxMessages = 65_535;

    readonly List<Hdf5Message> messages = [];

    Hdf5ObjectHeader(long address, string objectPath)
    {
        Address = address;
        ObjectPath = objectPath;
    }

    public long Address { get; }

    /// <summary>The path the object was reached by, for error messages.</summary>
    public string ObjectPath { get; }

    public IReadOnlyList<Hdf5Message> Messages => messages;

    public bool Has(int type) => Find(type) is not null;

    public Hdf5Message? Find(int type)
    {
        foreach (var message in messages)
        {
            if (message.Type == type) return message;
        }
        return null;
    }

    /// <summary>A cursor over the body of <paramref name="message"/>.</summary>
    public Hdf5Cursor Body(Hdf5FileImage image, Hdf5Message message) =>
        image.At(message.BodyAddress, message.BodyLength, Hdf5MessageType.DescribeMessageOf(message.Type), ObjectPath);

    public static Hdf5ObjectHeader Read(Hdf5FileImage image, long address, string objectPath, Hdf5ReadBudget budget)
    {
        var header = new Hdf5ObjectHeader(address, objectPath);
        var prefix = image.From(address, "object header of", objectPath);
        var format = image.Data[address] == (byte)'O' ? ReadVersion2Prefix(image, prefix, address) : ReadVersion1Prefix(prefix);
        header.ReadChunks(image, format);
        long bytes = 0;
        foreach (var message in header.messages) bytes += format.MessageHeaderSize + message.BodyLength;
        budget.Spend(bytes, "the object header of", objectPath);
        return header;
    }

    /// <summary>How messages are laid out, and where the first chunk of them is.</summary>
    readonly record struct Format(int Version, int MessageHeaderSize, bool TracksCreationOrder, long FirstChunk, long FirstChunkLength);

    static Format ReadVersion1Prefix(Hdf5Cursor prefix)
    {
        var version = prefix.ReadByte();
        if (version != 1)
            throw prefix.Corrupt($"expected an object header (version 1, or the signature \"OHDR\"), found the byte 0x{version:X2}");
        prefix.Skip(1 + 2 + 4);              // reserved, message count (the chunks are walked instead), reference count
        var chunkLength = prefix.ReadUInt32();
        prefix.Skip(4);                      // padding that aligns the messages to 8 bytes
        return new Format(1, 8, false, prefix.Position, chunkLength);
    }

    static Format ReadVersion2Prefix(Hdf5FileImage image, Hdf5Cursor prefix, long address)
    {
        prefix.ExpectSignature("OHDR");
        var version = prefix.ReadByte();
        if (version != 2) throw prefix.Corrupt($"object header version {version} after \"OHDR\", expected 2");
        var flags = prefix.ReadByte();
        if ((flags & 0xC0) != 0) throw prefix.Corrupt($"reserved object header flag bits are set (flags 0x{flags:X2})");
        var tracksCreationOrder = (flags & 0x04) != 0;
        if ((flags & 0x20) != 0) prefix.Skip(4 * 4);   // access, modification, change and birth times
        if ((flags & 0x10) != 0) prefix.Skip(2 + 2);   // attribute storage phase change values
        var chunkLength = (long)prefix.ReadUnsigned(1 << (flags & 0x03));
        var messagesStart = prefix.Position;
        if (chunkLength > prefix.Remaining - 4)
            throw prefix.Corrupt($"first chunk claims {chunkLength} bytes but the file ends at 0x{image.Length:X}");
        Hdf5Checksum.Verify(image, address, messagesStart - address + chunkLength, prefix.What);
        return new Format(2, tracksCreationOrder ? 6 : 4, tracksCreationOrder, messagesStart, chunkLength);
    }

    void ReadChunks(Hdf5FileImage image, Format format)
    {
        var pending = new Queue<(long Address, long Length)>();
        var visited = new HashSet<long> { format.FirstChunk };
        ReadMessages(image.At(format.FirstChunk, format.FirstChunkLength, "object header chunk of", ObjectPath), format, pending);
        while (pending.Count > 0)
        {
            var (address, length) = pending.Dequeue();
            if (!visited.Add(address))
                throw image.Corrupt($"object header of '{ObjectPath}' at 0x{Address:X}: continuation loop, the chunk at 0x{address:X} is reached twice");
            ReadMessages(OpenContinuation(image, format, address, length), format, pending);
        }
    }

    Hdf5Cursor OpenContinuation(Hdf5FileImage image, Format format, long address, long length)
    {
        const string What = "object header continuation chunk of";
        var block = image.At(address, length, What, ObjectPath);
        if (format.Version == 1) return block;

        // A version 2 continuation block is "OCHK", messages, checksum; the continuation message's length covers all three.
        block.ExpectSignature("OCHK");
        if (length < 8) throw block.Corrupt($"a continuation block of {length} bytes cannot hold its signature and checksum");
        Hdf5Checksum.Verify(image, address, length - 4, block.What);
        return image.At(address + 4, length - 8, What, ObjectPath);
    }

    void ReadMessages(Hdf5Cursor chunk, Format format, Queue<(long Address, long Length)> pending)
    {
        // Fewer bytes left than a message header are padding (a "gap" in version 2).
        while (chunk.Remaining >= format.MessageHeaderSize)
        {
            int type = format.Version == 1 ? chunk.ReadUInt16() : chunk.ReadByte();
            var size = chunk.ReadUInt16();
            var flags = chunk.ReadByte();
            if (format.Version == 1) chunk.Skip(3);          // reserved
            else if (format.TracksCreationOrder) chunk.Skip(2);
            if (size > chunk.Remaining)
                throw chunk.Corrupt($"message {messages.Count} (type 0x{type:X2}) claims {size} bytes but only {chunk.Remaining} remain in the header chunk");
            if (messages.Count == MaxMessages)
                throw chunk.Corrupt($"more than {MaxMessages} messages (a continuation loop?)");
            var message = new Hdf5Message(type, flags, chunk.Position, size);
            chunk.Skip(size);
            messages.Add(message);
            if (type == Hdf5MessageType.Continuation)
            {
                var body = chunk.Image.At(message.BodyAddress, size, "continuation message of", ObjectPath);
                var target = body.ReadAddress("continuation address");
                var length = body.ReadLength("continuation length");
                pending.Enqueue((target, length));
            }
        }
    }
}
