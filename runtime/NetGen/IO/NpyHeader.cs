using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>
/// The header dict of a .npy file, e.g. <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>.
/// Parses the Python literal subset numpy writes (string keys; string, bool and int-tuple values) without
/// evaluating anything, and checks it describes an array NetGen supports.
/// </summary>
internal readonly record struct NpyHeader(NpyDType DType, bool BigEndian, bool FortranOrder, int[] Shape)
{
    /// <summary>The header numpy writes for a C-order array, before padding: keys sorted, trailing ", ".</summary>
    public static string Format(NpyDType dtype, IReadOnlyList<int> shape) =>
        $"{{'descr': '{NpyDescr.Format(dtype)}', 'fortran_order': False, 'shape': {NpyShape.Format(shape)}, }}";

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names the file and array in errors.</summary>
    /// <exception cref="InvalidDataException">The header is not a dict numpy writes, or describes an unsupported array.</exception>
    public static NpyHeader Parse(string text, string source)
    {
        var entries = new Parser(text, source).ParseDict();
        var descr = Require<string>(entries, "descr", "a dtype string such as '<f4'", source);
        var fortranOrder = Require<bool>(entries, "fortran_order", "True or False", source);
        var shape = Require<List<long>>(entries, "shape", "a tuple of dimensions such as (2, 3)", source);
        if (entries.Count != 3)
            throw Error(source, $"expected exactly the keys 'descr', 'fortran_order' and 'shape', found {KeyList(entries)}");
        if (!NpyDescr.TryParse(descr, out var dtype, out var bigEndian))
            throw Error(source, $"expected a dtype of {NpyDescr.Supported}, found '{descr}'");
        if (shape.Count > NpyShape.MaxDimensions)
            throw Error(source, $"expected at most {NpyShape.MaxDimensions} dimensions, found {shape.Count}");

        var dimensions = new int[shape.Count];
        for (var i = 0; i < shape.Count; i++)
        {
            if (shape[i] < 0 || shape[i] > Array.MaxLength)
                throw Error(source, $"expected dimensions from 0 to {Array.MaxLength}, found {shape[i]} in shape ({string.Join(", ", shape)})");
            dimensions[i] = (int)shape[i];
        }
        return new NpyHeader(dtype, bigEndian, fortranOrder, dimensions);
    }

    static T Require<T>(Dictionary<string, object> entries, string key, string expected, string source)
    {
        if (!entries.TryGetValue(key, out var value))
            throw Error(source, $"expected the header key '{key}', found {(entries.Count == 0 ? "an empty dict" : "only " + KeyList(entries))}");
        if (value is T typed) return typed;
        throw Error(source, $"expected '{key}' to be {expected}, found {Describe(value)}");
    }

    static string KeyList(Dictionary<string, object> entries) => string.Join(", ", entries.Keys.Select(key => $"'{key}'"));

    static string Describe(object value) => value switch
    {
        string text => $"the string '{text}'",
        bool flag => flag ? "True" : "False",
        List<long> tuple => $"the tuple ({string.Join(", ", tuple)})",
        long number => $"the number {number.ToString(CultureInfo.InvariantCulture)}",
        _ => value.GetType().Name,
    };

    static InvalidDataException Error(string source, string message) => new($"{source}: invalid .npy header: {message}.");

    /// <summary>A recursive-descent reader of the header's Python literal; values are string, bool, long or List&lt;long&gt;.</summary>
    sealed class Parser(string text, string source)
    {
        int _position;

        public Dictionary<string, object> ParseDict()
        {
            SkipSpace();
            Expect('{');
            var entries = new Dictionary<string, object>(StringComparer.Ordinal);
            SkipSpace();
            while (Peek() != '}')
            {
                var key = ParseString();
                SkipSpace();
                Expect(':');
                SkipSpace();
                if (!entries.TryAdd(key, ParseValue()))
                    throw Error(source, $"expected each key once, found '{key}' twice");
                SkipSpace();
                if (Peek() == '}') break;
                if (Peek() != ',') throw Fail("',' or '}'");
                _position++;
                SkipSpace();
            }
            Expect('}');
            SkipSpace();
            if (_position != text.Length)
                throw Fail("the end of the header after the dict");
            return entries;
        }

        object ParseValue()
        {
            var next = Peek();
            if (next is '\'' or '"') return ParseString();
            if (next == '(') return ParseTuple();
            if (next == '-' || char.IsAsciiDigit(next)) return ParseInteger();
            if (TryKeyword("True")) return true;
            if (TryKeyword("False")) return false;
            // numpy writes a list only as the descr of a structured dtype.
            if (next == '[') throw Error(source, $"expected a plain dtype of {NpyDescr.Supported}, found the structured dtype starting {Excerpt(_position, 30)}");
            throw Fail("a string, True, False, a number or a tuple");
        }

        List<long> ParseTuple()
        {
            Expect('(');
            var items = new List<long>();
            var trailingComma = false;
            SkipSpace();
            while (Peek() != ')')
            {
                if (items.Count == NpyShape.MaxDimensions)
                    throw Error(source, $"expected at most {NpyShape.MaxDimensions} dimensions, found more");
                items.Add(ParseInteger());
                SkipSpace();
                trailingComma = false;
                if (Peek() == ')') break;
                Expect(',');
                trailingComma = true;
                SkipSpace();
            }
            Expect(')');
            // In Python "(5)" is the number 5, not a tuple; numpy rejects it as a shape, and so do we.
            if (items.Count == 1 && !trailingComma)
                throw Error(source, $"expected a tuple such as ({items[0]},), found the parenthesised number ({items[0]})");
            return items;
        }

        long ParseInteger()
        {
            var start = _position;
            if (Peek() == '-') _position++;
            var digitsStart = _position;
            while (_position < text.Length && char.IsAsciiDigit(text[_position])) _position++;
            if (_position == digitsStart) throw Fail("a number");
            var digits = text.AsSpan(start, _position - start);
            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw Error(source, $"expected a dimension from 0 to {Array.MaxLength}, found {digits.ToString()}");
            return value;
        }

        string ParseString()
        {
            var quote = Peek();
            if (quote is not ('\'' or '"')) throw Fail("a quoted string");
            _position++;
            var value = new StringBuilder();
            while (_position < text.Length && text[_position] != quote)
            {
                // numpy's keys and our descrs never contain escapes; a backslash means a dtype we do not read.
                if (text[_position] == '\\') throw Fail("a string without escape sequences");
                value.Append(text[_position++]);
            }
            Expect(quote);
            return value.ToString();
        }

        bool TryKeyword(string keyword)
        {
            if (!text.AsSpan(_position).StartsWith(keyword, StringComparison.Ordinal)) return false;
            var end = _position + keyword.Length;
            if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _position = end;
            return true;
        }

        void Expect(char expected)
        {
            if (Peek() != expected) throw Fail($"'{expected}'");
            _position++;
        }

        char Peek() => _position < text.Length ? text[_position] : '\0';

        void SkipSpace()
        {
            while (_position < text.Length && text[_position] is ' ' or '\t' or '\n' or '\r') _position++;
        }

        InvalidDataException Fail(string expected)
        {
            var found = _position >= text.Length ? "the end of the header" : $"'{Excerpt(_position, 20)}'";
            return Error(source, $"expected {expected} at character {_position} of \"{Excerpt(0, 120)}\", found {found}");
        }

        string Excerpt(int start, int length) => Escape(text.AsSpan(start, Math.Min(length, text.Length - start)).TrimEnd());

        static string Escape(ReadOnlySpan<char> value)
        {
            var result = new StringBuilder(value.Length);
            foreach (var c in value)
                result.Append(c < ' ' || c > '~' ? $"\\x{(int)c:x2}" : c.ToString());
            return result.ToString();
        }
    }
}
