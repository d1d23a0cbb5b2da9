using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetGen.Data.Hdf5;

/// <summary>
/// The members of an "old-style" group (h5py's default): a symbol table message points at a version 1 B-tree whose
/// leaves are symbol table nodes ("SNOD"), and at a local heap holding the names.
/// </summary>
/// <remarks>
/// Walking the tree is bounded three ways: a node's level must be exactly one less than its parent's (so no path can
/// loop), no node may be reached twice, and the bytes read are charged to the file's <see cref="Hdf5ReadBudget"/>.
/// </remarks>
internal static class Hdf5SymbolTableGroup
{
    const int SymbolCacheSoftLink = 2;

    public static List<Hdf5Link> ReadLinks(Hdf5FileImage image, Hdf5Cursor symbolTableMessage, string groupPath, Hdf5ReadBudget budget)
    {
        var treeAddress = symbolTableMessage.ReadAddress("B-tree address");
        var heap = Hdf5LocalHeap.Read(image, symbolTableMessage.ReadAddress("local heap address"), groupPath, budget);

        var links = new List<Hdf5Link>();
        var visited = new HashSet<long>();
        var pending = new Stack<PendingNode>();
        pending.Push(new PendingNode(treeAddress, IsSymbolNode: false, ExpectedLevel: -1));
        while (pending.Count > 0)
        {
            var (address, isSymbolNode, expectedLevel) = pending.Pop();
            if (!visited.Add(address))
                throw image.Corrupt($"group '{groupPath}': B-tree node at 0x{address:X} is reached twice (a cycle in the group's B-tree)");
            var node = image.From(address, isSymbolNode ? "symbol table node of group" : "B-tree node of group", groupPath);
            if (isSymbolNode) ReadSymbolNode(node, heap, groupPath, links);
            else ReadTreeNode(node, expectedLevel, pending);
            budget.Spend(node.Position - address, "the B-tree of group", groupPath);
        }
        return links;
    }

    /// <summary>A node still to read: the children of a level 0 B-tree node are symbol table nodes, others are B-tree nodes.</summary>
    readonly record struct PendingNode(long Address, bool IsSymbolNode, int ExpectedLevel);

    static void ReadTreeNode(Hdf5Cursor node, int expectedLevel, Stack<PendingNode> pending)
    {
        node.ExpectSignature("TREE");
        var nodeType = node.ReadByte();
        if (nodeType != 0) throw node.Corrupt($"B-tree node type {nodeType}, expected 0 (group nodes)");
        var level = node.ReadByte();
        if (expectedLevel >= 0 && level != expectedLevel)
            throw node.Corrupt($"B-tree node has level {level} but its parent expects level {expectedLevel} (a cycle or corruption in the group's B-tree)");
        var entries = node.ReadUInt16();
        node.ReadAddress("left sibling address");
        node.ReadAddress("right sibling address");
        node.ReadLength("key 0");
        var children = new long[entries];
        for (var i = 0; i < entries; i++)
        {
            children[i] = node.ReadAddress("child address");
            node.ReadLength("key");
        }
        // Pushed right to left so the left-most child is read first and names come out in the tree's order.
        for (var i = entries - 1; i >= 0; i--) pending.Push(new PendingNode(children[i], IsSymbolNode: level == 0, level - 1));
    }

    static void ReadSymbolNode(Hdf5Cursor node, Hdf5LocalHeap heap, string groupPath, List<Hdf5Link> links)
    {
        node.ExpectSignature("SNOD");
        var version = node.ReadByte();
        if (version != 1) throw node.Corrupt($"symbol table node version {version}, expected 1");
        node.Skip(1);                                     // reserved
        var count = node.ReadUInt16();
        for (var i = 0; i < count; i++)
        {
            var nameOffset = node.ReadUnsigned(node.Image.OffsetSize);
            var objectAddress = node.ReadUnsigned(node.Image.OffsetSize);
            var cacheType = node.ReadUInt32();
            node.Skip(4);                                 // reserved
            var scratchPad = node.ReadSpan(16);
            var name = heap.NameAt(nameOffset > long.MaxValue ? -1 : (long)nameOffset);
            if (cacheType == SymbolCacheSoftLink)
            {
                // A soft link's scratch pad holds the heap offset of the path it names.
                var target = heap.NameAt(BinaryPrimitives.ReadUInt32LittleEndian(scratchPad));
                links.Add(new Hdf5Link(name, Hdf5LinkKind.Soft, Hdf5FileImage.UndefinedAddress, target));
                continue;
            }
            if (!node.Image.TryToAbsolute(objectAddress, node.Image.OffsetSize, out var address) || address == Hdf5FileImage.UndefinedAddress)
                throw node.Corrupt($"the object header address 0x{objectAddress:X} of '{name}' is undefined or past the end of the file ({node.Image.Length} bytes)");
            links.Add(new Hdf5Link(name, Hdf5LinkKind.Hard, address, name));
        }
    }
}
