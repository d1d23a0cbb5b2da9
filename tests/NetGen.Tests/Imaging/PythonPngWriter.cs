using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetGen.Tests.Infrastructure;

namespace NetGen.Tests.Imaging;

/// <summary>What <see cref="PythonPngWriter"/> should put in a PNG: random pixels plus optional damage.</summary>
public sealed record PngSpec
{
    public int Width { get; init; } = 13;
    public int Height { get; init; } = 7;
    public int ColorType { get; init; } = 2;
    public int BitDepth { get; init; } = 8;
    public int Seed { get; init; } = 1;
    /// <summary>Filter types cycled over the rows.</summary>
    public int[] Filters { get; init; } = [0, 1, 2, 3, 4];
    public int IdatChunks { get; init; } = 1;
    public int? PaletteSize { get; init; }
    public bool Transparency { get; init; }
    public bool IndexOutOfRange { get; init; }
    public int? HeaderWidth { get; init; }
    public int? HeaderHeight { get; init; }
    public int Interlace { get; init; }
    public string? BadCrcChunk { get; init; }
    public bool BadSignature { get; init; }
    public int TruncateBy { get; init; }
    public int ExtraBytes { get; init; }
    public int MissingBytes { get; init; }
    public bool BadAdler { get; init; }
    public int? BadFilterRow { get; init; }
    public string? ExtraCriticalChunk { get; init; }
}

/// <summary>
/// Writes PNG files with Python's zlib and struct only (no imaging library), filtering each row itself,
/// so the decoder is checked against an independent encoder. Returns the RGB bytes the image should
/// decode to, with transparency composited over white as (c * a + 255 * (255 - a) + 127) // 255.
/// </summary>
public static class PythonPngWriter
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(string path, PngSpec spec)
    {
        string output = Python.Run(Script, JsonSerializer.Serialize(spec, Json), path);
        return Convert.FromHexString(output.Trim());
    }

    const string Script = """
import json, struct, sys, zlib
import numpy as np

spec = json.loads(sys.argv[1]); path = sys.argv[2]
w, h, ct, bd = spec['width'], spec['height'], spec['color_type'], spec['bit_depth']
rng = np.random.default_rng(spec['seed'])
channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct]
maxv = (1 << bd) - 1
samples = rng.integers(0, maxv + 1, size=(h, w, channels))
palette = None
trns = None

def over_white(c, a):
    return (c * a + 255 * (255 - a) + 127) // 255

if ct == 0:
    gray = samples[..., 0] * 255 // maxv
    rgb = np.stack([gray] * 3, axis=-1)
    if spec['transparency']:
        key = int(samples[0, 0, 0])
        trns = struct.pack('>H', key)
        rgb[samples[..., 0] == key] = 255
elif ct == 2:
    samples[::3, ::2] = samples[0, 0]          # make the transparent colour common
    rgb = samples.copy()
    if spec['transparency']:
        key = samples[0, 0]
        trns = struct.pack('>3H', *[int(v) for v in key])
        rgb[np.all(samples == key, axis=-1)] = 255
elif ct == 3:
    n = spec.get('palette_size') or (1 << bd)
    samples = rng.integers(0, n, size=(h, w, 1))
    if spec['index_out_of_range']:
        samples[h - 1, w - 1, 0] = n
    palette = rng.integers(0, 256, size=(n, 3))
    alpha = np.full(n, 255)
    if spec['transparency']:
        alpha[: n // 2 + 1] = rng.integers(0, 256, size=n // 2 + 1)
        trns = bytes(int(a) for a in alpha[: n // 2 + 1])
    idx = np.minimum(samples[..., 0], n - 1)
    rgb = over_white(palette[idx], alpha[idx][..., None])
elif ct == 4:
    g = over_white(samples[..., 0], samples[..., 1])
    rgb = np.stack([g] * 3, axis=-1)
else:
    rgb = over_white(samples[..., :3], samples[..., 3:4])

def pack(row):
    flat = [int(v) for v in row.reshape(-1)]
    if bd == 8:
        return bytes(flat)
    if bd == 16:
        return struct.pack('>%dH' % len(flat), *flat)
    out = bytearray((len(flat) * bd + 7) // 8)
    for i, v in enumerate(flat):
        out[i * bd // 8] |= v << (8 - bd - (i * bd) % 8)
    return bytes(out)

def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c

bpp = max(1, channels * bd // 8)
def filter_row(kind, row, prior):
    out = bytearray(len(row))
    for i in range(len(row)):
        a = row[i - bpp] if i >= bpp else 0
        b = prior[i]
        c = prior[i - bpp] if i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out[i] = (row[i] - predictor) & 0xFF
    return bytes(out)

raw = bytearray()
prior = bytes(len(pack(samples[0])))
for y in range(h):
    row = pack(samples[y])
    kind = spec['filters'][y % len(spec['filters'])]
    raw += bytes([5 if spec.get('bad_filter_row') == y else kind]) + filter_row(kind, row, prior)
    prior = row
raw += bytes(spec['extra_bytes'])
if spec['missing_bytes']:
    raw = raw[: -spec['missing_bytes']]
compressed = zlib.compress(bytes(raw), 9)
if spec['bad_adler']:
    compressed = compressed[:-1] + bytes([compressed[-1] ^ 0xFF])

def chunk(kind, data):
    crc = zlib.crc32(kind + data)
    if spec.get('bad_crc_chunk') == kind.decode():
        crc ^= 1
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', crc)

ihdr = struct.pack('>IIBBBBB', spec.get('header_width') or w, spec.get('header_height') or h, bd, ct, 0, 0, spec['interlace'])
png = bytearray(b'\x89PNG\r\n\x1a\n' if not spec['bad_signature'] else b'\x89PNG\r\n\x1a\x00')
png += chunk(b'IHDR', ihdr)
png += chunk(b'tEXt', b'Comment\x00written by the NetGen tests')
if spec.get('extra_critical_chunk'):
    png += chunk(spec['extra_critical_chunk'].encode(), b'\x01\x02')
if palette is not None:
    png += chunk(b'PLTE', bytes(int(v) for v in palette.reshape(-1)))
if trns is not None:
    png += chunk(b'tRNS', trns)
pieces = spec['idat_chunks']
size = -(-len(compressed) // pieces)
for i in range(pieces):
    png += chunk(b'IDAT', compressed[i * size:(i + 1) * size])
png += chunk(b'IEND', b'')
if spec['truncate_by']:
    png = png[: -spec['truncate_by']]
open(path, 'wb').write(png)
print(rgb.astype(np.uint8).tobytes().hex())
""";
}
