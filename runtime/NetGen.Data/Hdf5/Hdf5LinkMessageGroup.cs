using System.Collections.Generic;
using System.Text;

namespace NetGen.Data.Hdf5;

/// <summary>
/// The members of a "new-style" group (files written with <c>libver='latest'</c> and similar): a link info message
/// plus one link message per member, all in the group's own object header ("compact" link storage). Groups that
/// outgrew compact storage keep their links in a fractal heap indexed by a version 2 B-tree ("dense" storage),
/// which this reader refuses.
/// </summary>
internal static class Hdf5LinkMessageGroup
{
    const int HardLink = 0;
    const int SoftLink = 1;
    const int ExternalLink = 64;

    public static List<Hdf5Link> ReadLinks(Hdf5FileImage image, Hdf5ObjectHeader header, string groupPath)
    {
        if (header.Find(Hdf5MessageType.LinkInfo) is { } linkInfo)
            RefuseDenseStorage(image, header.Body(image, linkInfo), groupPath);

        var links = new List<Hdf5Link>();
        foreach (var message in header.Messages)
        {
            if (message.Type == Hdf5MessageType.Link)
                links.Add(ReadLink(header.Body(image, message), groupPath));
        }
        return links;
    }

    static void RefuseDenseStorage(Hdf5FileImage image, Hdf5Cursor body, string groupPath)
    {
        var version = body.ReadByte();
        if (version != 0) throw body.Corrupt($"link info message version {version}, expected 0");
        var flags = body.ReadByte();
        if ((flags & 0x01) != 0) body.Skip(8);            // maximum creation index
        var fractalHeap = body.ReadAddress("fractal heap address");
        if (fractalHeap != Hdf5FileImage.UndefinedAddress)
            throw image.Unsupported(groupPath, "dense link storage (a fractal heap and version 2 B-tree, used for groups with more than 8 members in files written with libver='latest')", "it reads symbol-table groups and compact link-message groups");
    }

    static Hdf5Link ReadLink(Hdf5Cursor body, string groupPath)
    {
        var version = body.ReadByte();
        if (version != 1) throw body.Corrupt($"link message version {version}, expected 1");
        var flags = body.ReadByte();
        var linkType = (flags & 0x08) != 0 ? body.ReadByte() : HardLink;
        if ((flags & 0x04) != 0) body.Skip(8);            // creation order
        if ((flags & 0x10) != 0) body.Skip(1);            // name character set: ASCII and UTF-8 decode alike here
        var nameLength = body.ReadUnsigned(1 << (flags & 0x03));
        if (nameLength == 0 || nameLength > (ulong)body.Remaining)
            throw body.Corrupt($"link name length {nameLength} does not fit the {body.Remaining} bytes left in the message");
        var name = Encoding.UTF8.GetString(body.ReadSpan((long)nameLength));
        switch (linkType)
        {
            case HardLink:
                var address = body.ReadAddress("object header address");
                if (address == Hdf5FileImage.UndefinedAddress)
                    throw body.Corrupt($"hard link '{name}' of group '{groupPath}' has an undefined object header address");
                return new Hdf5Link(name, Hdf5LinkKind.Hard, address, name);
            case SoftLink:
                return new Hdf5Link(name, Hdf5LinkKind.Soft, Hdf5FileImage.UndefinedAddress, ReadLinkValue(body));
            case ExternalLink:
                return new Hdf5Link(name, Hdf5LinkKind.External, Hdf5FileImage.UndefinedAddress, ReadExternalTarget(body));
            default:
                return new Hdf5Link(name, Hdf5LinkKind.UserDefined, Hdf5FileImage.UndefinedAddress, $"user-defined link type {linkType}");
        }
    }

    static string ReadLinkValue(Hdf5Cursor body)
    {
        var length = body.ReadUInt16();
        return Encoding.UTF8.GetString(body.ReadSpan(length)).TrimEnd('\0');
    }

    // External link value: a version/flags byte, then the file name and the object path, each null-terminated.
    static string ReadExternalTarget(Hdf5Cursor body)
    {
        var length = body.ReadUInt16();
        var value = body.ReadSpan(length);
        var parts = Encoding.UTF8.GetString(value.Length > 0 ? value[1..] : value).Split('\0');
        return parts.Length >= 2 ? $"{parts[0]}:{parts[1]}" : string.Join("", parts);
    }
}
