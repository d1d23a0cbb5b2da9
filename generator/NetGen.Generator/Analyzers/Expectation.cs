using System.Globalization;

namespace NetGen.Generator.Analyzers;

/// <summary>The lengths a generated method accepts for one buffer argument, and how to say so in a message.</summary>
internal readonly struct Expectation
{
    readonly long unit;
    readonly bool exact;

    Expectation(long unit, bool exact, string text)
    {
        this.unit = unit;
        this.exact = exact;
        Text = text;
    }

    /// <summary>The accepted lengths in words, after "expects x to hold ".</summary>
    public string Text { get; }

    /// <summary>Exactly <paramref name="size"/> floats, e.g. "exactly 12288 floats (InputSize)".</summary>
    public static Expectation Exactly(int size, string sizeName) =>
        new(size, exact: true, $"exactly {Format(size)} floats ({sizeName})");

    /// <summary>One or more whole examples of <paramref name="size"/> floats each, e.g. "a positive multiple of 12288 floats (InputSize)".</summary>
    public static Expectation MultipleOf(int size, string sizeName) =>
        new(size, exact: false, $"a positive multiple of {Format(size)} floats ({sizeName})");

    /// <summary>One row of <paramref name="outputSize"/> per example, e.g. "exactly 6 floats (OutputSize x 3 examples)".</summary>
    public static Expectation Outputs(int outputSize, long examples) =>
        new(outputSize * examples, exact: true,
            $"exactly {Format(outputSize * examples)} floats (OutputSize x {Format(examples)} {(examples == 1 ? "example" : "examples")})");

    /// <summary>As many floats as the argument <paramref name="other"/>, e.g. "exactly 6 floats (as many as al)".</summary>
    public static Expectation SameLengthAs(long length, string other) =>
        new(length, exact: true, $"exactly {Format(length)} floats (as many as {other})");

    /// <summary>Whether a buffer of <paramref name="length"/> floats fits.</summary>
    public bool Accepts(long length) => exact ? length == unit : length > 0 && length % unit == 0;

    /// <summary>How many whole units <paramref name="length"/> holds, when it fits.</summary>
    public long? Count(long length) => Accepts(length) ? length / unit : null;

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
