namespace NetGen.Data.Hdf5;

/// <summary>What a link in a group points at.</summary>
internal enum Hdf5LinkKind
{
    /// <summary>An object header address in this file.</summary>
    Hard,

    /// <summary>A path, resolved when followed (<c>h5py.SoftLink</c>).</summary>
    Soft,

    /// <summary>A file name and a path in that file (<c>h5py.ExternalLink</c>).</summary>
    External,

    /// <summary>A link class registered by an application; its meaning is unknown here.</summary>
    UserDefined,
}

/// <summary>One named member of a group.</summary>
/// <param name="Name">The member's name within its group.</param>
/// <param name="Kind">Hard, soft, external or user-defined.</param>
/// <param name="Address">The object header address, for hard links; otherwise <see cref="Hdf5FileImage.UndefinedAddress"/>.</param>
/// <param name="Target">The path (and file) a soft or external link names, for error messages.</param>
internal sealed record Hdf5Link(string Name, Hdf5LinkKind Kind, long Address, string Target);
