using System;
using System.Collections.Generic;

namespace NetGen.Data.Hdf5;

/// <summary>
/// The group tree: object headers and group member lists (cached by address, so each is read once), the list of
/// dataset paths, and path lookup. Groups of either storage style are handled; links other than hard links are
/// listed by their groups but never followed.
/// </summary>
internal sealed class Hdf5Hierarchy
{
    readonly Hdf5FileImage image;
    readonly long rootAddress;
    readonly Hdf5ReadBudget budget;
    readonly Dictionary<long, Hdf5ObjectHeader> headers = [];
    readonly Dictionary<long, GroupMembers> groups = [];

    public Hdf5Hierarchy(Hdf5FileImage image, long rootAddress)
    {
        this.image = image;
        this.rootAddress = rootAddress;
        budget = new Hdf5ReadBudget(image);
    }

    /// <summary>A group's links sorted by name (HDF5's name order), and the same links by name.</summary>
    sealed record GroupMembers(List<Hdf5Link> Sorted, Dictionary<string, Hdf5Link> ByName);

    public static bool IsGroup(Hdf5ObjectHeader header) =>
        header.Has(Hdf5MessageType.SymbolTable) || header.Has(Hdf5MessageType.LinkInfo) || header.Has(Hdf5MessageType.Link);

    public static bool IsDataset(Hdf5ObjectHeader header) => header.Has(Hdf5MessageType.DataLayout);

    public Hdf5ObjectHeader Header(long address, string path)
    {
        if (!headers.TryGetValue(address, out var header))
        {
            header = Hdf5ObjectHeader.Read(image, address, path, budget);
            headers.Add(address, header);
        }
        return header;
    }

    /// <summary>
    /// Every dataset's path, depth first with members in name order, each object once (like h5py's <c>visit</c>).
    /// A hard link back to a group being walked (a cycle) is an error, not something to skip.
    /// </summary>
    public List<string> DatasetPaths()
    {
        var paths = new List<string>();
        var root = Header(rootAddress, "/");
        if (!IsGroup(root)) throw image.Corrupt($"the root object at 0x{rootAddress:X} is not a group");

        var visited = new HashSet<long> { rootAddress };
        var ancestors = new Dictionary<long, string> { [rootAddress] = "/" };
        var walk = new Stack<(long Address, string Path, List<Hdf5Link> Links, int Next)>();
        walk.Push((rootAddress, "", Members(root, "/").Sorted, 0));
        while (walk.Count > 0)
        {
            var (groupAddress, groupPath, links, next) = walk.Pop();
            if (next == links.Count)
            {
                ancestors.Remove(groupAddress);
                continue;
            }
            walk.Push((groupAddress, groupPath, links, next + 1));

            var link = links[next];
            if (link.Kind != Hdf5LinkKind.Hard) continue;
            if (ancestors.TryGetValue(link.Address, out var ancestorPath))
                throw image.Corrupt($"group cycle: '{Join(groupPath, link.Name)}' links back to the group '{ancestorPath}' that contains it");
            if (!visited.Add(link.Address)) continue;

            var path = Join(groupPath, link.Name);
            var header = Header(link.Address, path);
            if (IsGroup(header))
            {
                ancestors.Add(link.Address, path);
                walk.Push((link.Address, path, Members(header, path).Sorted, 0));
            }
            else if (IsDataset(header))
            {
                paths.Add(path);
            }
        }
        return paths;
    }

    /// <summary>Follows <paramref name="path"/> from the root by hard links; null when some member does not exist.</summary>
    public (Hdf5ObjectHeader Header, string Path)? Resolve(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = Header(rootAddress, "/");
        var currentPath = "";
        foreach (var segment in segments)
        {
            if (!IsGroup(current)) return null;
            if (!Members(current, currentPath.Length == 0 ? "/" : currentPath).ByName.TryGetValue(segment, out var link)) return null;
            currentPath = Join(currentPath, segment);
            current = link.Kind switch
            {
                Hdf5LinkKind.Hard => Header(link.Address, currentPath),
                Hdf5LinkKind.Soft => throw image.Unsupported(currentPath, $"following the soft link to '{link.Target}'", "it follows hard links only"),
                Hdf5LinkKind.External => throw image.Unsupported(currentPath, $"following the external link to '{link.Target}'", "it follows hard links only"),
                _ => throw image.Unsupported(currentPath, $"following a link of {link.Target}", "it follows hard links only"),
            };
        }
        return (current, currentPath);
    }

    static string Join(string groupPath, string name) => groupPath.Length == 0 ? name : $"{groupPath}/{name}";

    GroupMembers Members(Hdf5ObjectHeader group, string groupPath)
    {
        if (groups.TryGetValue(group.Address, out var members)) return members;

        var links = group.Find(Hdf5MessageType.SymbolTable) is { } symbolTable
            ? Hdf5SymbolTableGroup.ReadLinks(image, group.Body(image, symbolTable), groupPath, budget)
            : Hdf5LinkMessageGroup.ReadLinks(image, group, groupPath);
        links.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var byName = new Dictionary<string, Hdf5Link>(links.Count, StringComparer.Ordinal);
        foreach (var link in links)
        {
            if (link.Name.Length == 0 || link.Name.Contains('/'))
                throw image.Corrupt($"group '{groupPath}' has a member named '{link.Name}', which is not a valid link name");
            if (!byName.TryAdd(link.Name, link))
                throw image.Corrupt($"group '{groupPath}' has two members named '{link.Name}'");
        }
        members = new GroupMembers(links, byName);
        groups.Add(group.Address, members);
        return members;
    }
}
