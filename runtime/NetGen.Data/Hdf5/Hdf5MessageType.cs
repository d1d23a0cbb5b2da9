namespace NetGen.Data.Hdf5;

/// <summary>Object header message type numbers from the HDF5 file format specification (section IV.A.2).</summary>
internal static class Hdf5MessageType
{
    public const int Nil = 0x00;
    public const int Dataspace = 0x01;
    public const int LinkInfo = 0x02;
    public const int Datatype = 0x03;
    public const int FillValueOld = 0x04;
    public const int FillValue = 0x05;
    public const int Link = 0x06;
    public const int ExternalDataFiles = 0x07;
    public const int DataLayout = 0x08;
    public const int FilterPipeline = 0x0B;
    public const int Continuation = 0x10;
    public const int SymbolTable = 0x11;

    /// <summary>The highest type number the format specification defines (0x18, object reference count ... ).</summary>
    public const int HighestKnown = 0x18;

    /// <summary>Message flag: the body lives elsewhere (a committed datatype or the shared message heap).</summary>
    public const byte SharedFlag = 0x02;

    /// <summary>Message flag: a reader that does not understand this message type must refuse the object.</summary>
    public const byte FailIfUnknownFlag = 0x80;

    public static string Describe(int type) => type switch
    {
        Dataspace => "dataspace",
        Datatype => "datatype",
        FillValueOld or FillValue => "fill value",
        DataLayout => "data layout",
        ExternalDataFiles => "external data files",
        FilterPipeline => "filter pipeline",
        LinkInfo => "link info",
        Link => "link",
        SymbolTable => "symbol table",
        _ => $"type 0x{type:X2}",
    };

    /// <summary>"dataspace message of" and the like, as constants: cursors are described for every message read.</summary>
    public static string DescribeMessageOf(int type) => type switch
    {
        Dataspace => "dataspace message of",
        Datatype => "datatype message of",
        FillValueOld or FillValue => "fill value message of",
        DataLayout => "data layout message of",
        LinkInfo => "link info message of",
        Link => "link message of",
        SymbolTable => "symbol table message of",
        _ => "header message of",
    };
}
