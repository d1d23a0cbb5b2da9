using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Data.Plotting;

/// <summary>
/// An axis range with a 5% margin around the data (as matplotlib draws the course's plot, so no point sits
/// on the frame) and ticks at round values (steps of 1, 2, 2.5 or 5 times a power of ten), labelled in the
/// invariant culture so the chart reads the same on every machine.
/// </summary>
internal sealed class NiceAxis
{
    NiceAxis(double minimum, double maximum, double step)
    {
        Minimum = minimum;
        Maximum = maximum;
        Step = step;
    }

    /// <summary>The value at the start of the axis.</summary>
    public double Minimum { get; }

    /// <summary>The value at the end of the axis.</summary>
    public double Maximum { get; }

    /// <summary>The distance between ticks.</summary>
    public double Step { get; }

    /// <summary>An axis covering [<paramref name="low"/>, <paramref name="high"/>] with about <paramref name="targetTicks"/> ticks.</summary>
    public static NiceAxis Covering(double low, double high, int targetTicks)
    {
        if (high == low)
        {
            // A flat curve or a single point: centre it in a small range instead of dividing by zero.
            double pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
            low -= pad;
            high += pad;
        }
        else
        {
            double margin = (high - low) * 0.05;
            low -= margin;
            high += margin;
        }
        double rough = (high - low) / (targetTicks - 1);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double normalized = rough / magnitude;
        double step = magnitude * (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10);
        return new NiceAxis(low, high, step);
    }

    /// <summary>The multiples of <see cref="Step"/> between <see cref="Minimum"/> and <see cref="Maximum"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        double first = Math.Ceiling(Minimum / Step);
        int count = (int)Math.Floor(Maximum / Step - first + 1e-9);
        for (int i = 0; i <= count; i++)
        {
            double tick = (first + i) * Step;
            // Rounding noise around zero (and -0) would otherwise be labelled "-0.0".
            yield return Math.Abs(tick) < Step * 1e-9 ? 0 : tick;
        }
    }

    /// <summary>Maps <paramref name="value"/> linearly from this axis onto [<paramref name="start"/>, <paramref name="end"/>].</summary>
    public double Map(double value, double start, double end) =>
        start + (value - Minimum) / (Maximum - Minimum) * (end - start);

    /// <summary>Formats a tick value with just enough decimals for the step, in the invariant culture.</summary>
    public string Format(double tick)
    {
        double largest = Math.Max(Math.Abs(Minimum), Math.Abs(Maximum));
        if (Step < 1e-6 || largest >= 1e9) return tick.ToString("0.###E+0", CultureInfo.InvariantCulture);
        int decimals = 0;
        while (decimals < 6 && Math.Abs(Step * Math.Pow(10, decimals) - Math.Round(Step * Math.Pow(10, decimals))) > 1e-6) decimals++;
        return tick.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
