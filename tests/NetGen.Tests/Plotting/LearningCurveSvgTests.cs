using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NetGen.Data.Plotting;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Plotting;

public sealed class LearningCurveSvgTests
{
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A curve shaped like the course's run: 0.77 at iteration 0 falling to about 0.09, every 100 iterations, then the last one.</summary>
    static List<(int Iteration, float Cost)> CourseLikeCurve()
    {
        var points = Enumerable.Range(0, 25).Select(i => (i * 100, (float)(0.09 + 0.68 * Math.Exp(-i / 5.0) + 0.01 * Math.Sin(i)))).ToList();
        points.Add((2499, 0.088f));
        return points;
    }

    static (double X, double Y)[] ParsePoints(XElement polyline) =>
        polyline.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToArray();

    static double Attribute(XElement element, string name) => double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Render_DrawsOnePolylineVertexPerPointHigherCostHigherUpLaterIterationFurtherRight()
    {
        var points = CourseLikeCurve();

        XDocument document = XDocument.Parse(LearningCurveSvg.Render(points, "Learning rate =0.0075"));

        Assert.Equal(Svg + "svg", document.Root!.Name);
        XElement polyline = Assert.Single(document.Descendants(Svg + "polyline"));
        var vertices = ParsePoints(polyline);
        Assert.Equal(points.Count, vertices.Length);
        for (int i = 0; i < points.Count; i++)
            for (int j = 0; j < points.Count; j++)
            {
                if (points[i].Cost > points[j].Cost) Assert.True(vertices[i].Y < vertices[j].Y, $"cost {points[i].Cost} is not drawn above {points[j].Cost}");
                if (points[i].Iteration > points[j].Iteration) Assert.True(vertices[i].X > vertices[j].X, $"iteration {points[i].Iteration} is not right of {points[j].Iteration}");
            }
    }

    [Fact]
    public void Render_PlacesTheCurveInsideTheFrameAndBetweenTheMatchingTickLabels()
    {
        var points = CourseLikeCurve();

        XDocument document = XDocument.Parse(LearningCurveSvg.Render(points, "curve"));

        var vertices = ParsePoints(document.Descendants(Svg + "polyline").Single());
        var yTicks = document.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "y-tick")
            .Select(t => (Value: double.Parse(t.Value, CultureInfo.InvariantCulture), Y: Attribute(t, "y"))).ToList();
        var xTicks = document.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "x-tick")
            .Select(t => (Value: double.Parse(t.Value, CultureInfo.InvariantCulture), X: Attribute(t, "x"))).ToList();
        Assert.True(yTicks.Count >= 3 && xTicks.Count >= 3, $"{yTicks.Count} y ticks, {xTicks.Count} x ticks");
        for (int i = 1; i < yTicks.Count; i++) Assert.True(yTicks[i].Value > yTicks[i - 1].Value && yTicks[i].Y < yTicks[i - 1].Y, "y tick labels must rise upward");
        for (int i = 1; i < xTicks.Count; i++) Assert.True(xTicks[i].Value > xTicks[i - 1].Value && xTicks[i].X > xTicks[i - 1].X, "x tick labels must grow rightward");

        // Each vertex lies where the linear tick scales put it: x in hundreds of iterations, y in cost.
        double Interpolate(double value, IReadOnlyList<(double Value, double Position)> ticks) =>
            ticks[0].Position + (value - ticks[0].Value) / (ticks[^1].Value - ticks[0].Value) * (ticks[^1].Position - ticks[0].Position);
        for (int i = 0; i < points.Count; i++)
        {
            Assert.Equal(Interpolate(points[i].Iteration / 100.0, xTicks), vertices[i].X, 0.02);
            Assert.Equal(Interpolate(points[i].Cost, yTicks), vertices[i].Y, 0.02);
        }
        Assert.All(vertices, v => AssertInsideFrame(document, v.X, v.Y));
    }

    [Fact]
    public void Render_WritesTheSameNumbersWhateverTheCurrentCulture()
    {
        var points = new List<(int Iteration, float Cost)> { (0, -1.25f), (100, 0.5f), (200, 2.75f), (300, -0.125f) };
        string invariant = WithCulture(CultureInfo.InvariantCulture, () => LearningCurveSvg.Render(points, "t"));

        // French writes "1,5"; this variant also writes negative numbers with U+2212 MINUS SIGN, as some cultures do.
        var french = (CultureInfo)CultureInfo.GetCultureInfo("fr-FR").Clone();
        french.NumberFormat.NegativeSign = "\u2212";
        french.NumberFormat.NumberDecimalSeparator = ",";
        string localized = WithCulture(french, () => LearningCurveSvg.Render(points, "t"));

        Assert.Equal(invariant, localized);
        Assert.DoesNotContain("\u2212", localized, StringComparison.Ordinal);
        var labels = XDocument.Parse(localized).Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "y-tick").Select(t => t.Value).ToList();
        Assert.Contains(labels, label => label.StartsWith('-'));
        Assert.All(labels, label => double.Parse(label, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    static string WithCulture(CultureInfo culture, Func<string> render)
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try { return render(); }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void Render_EscapesTheTitle()
    {
        const string title = "Cats & \"dogs\" <b>'rate'</b> \u2264 0.01 \U0001F431";

        XDocument document = XDocument.Parse(LearningCurveSvg.Render([(0, 0.7f), (100, 0.6f)], title));

        var heading = document.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "title");
        Assert.Equal(title, heading.Value);
        Assert.Equal(title, document.Root!.Element(Svg + "title")!.Value);
        Assert.Empty(document.Descendants(Svg + "b"));
    }

    [Fact]
    public void Render_ReplacesCharactersXmlCannotHold()
    {
        XDocument document = XDocument.Parse(LearningCurveSvg.Render([(0, 0.7f)], "bell\u0007 and lone \uD800 surrogate"));

        Assert.Equal("bell\uFFFD and lone \uFFFD surrogate", document.Root!.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Render_DrawsASinglePointAsADotInsideTheFrame()
    {
        XDocument document = XDocument.Parse(LearningCurveSvg.Render([(0, 0.693f)], "one"));

        Assert.Empty(document.Descendants(Svg + "polyline"));
        XElement dot = Assert.Single(document.Descendants(Svg + "circle"));
        AssertInsideFrame(document, Attribute(dot, "cx"), Attribute(dot, "cy"));
    }

    [Fact]
    public void Render_DrawsEqualCostsAsAFlatLineInsideTheFrame()
    {
        var points = Enumerable.Range(0, 10).Select(i => (i * 100, 0.5f)).ToList();

        XDocument document = XDocument.Parse(LearningCurveSvg.Render(points, "flat"));

        var vertices = ParsePoints(document.Descendants(Svg + "polyline").Single());
        Assert.Equal(10, vertices.Length);
        Assert.All(vertices, v => Assert.Equal(vertices[0].Y, v.Y));
        Assert.All(vertices, v => AssertInsideFrame(document, v.X, v.Y));
    }

    [Fact]
    public void Render_SkipsNonFiniteCostsBreakingTheLineThereAndSaysHowMany()
    {
        var points = new List<(int Iteration, float Cost)>
        {
            (0, 0.7f), (100, float.NaN), (200, 0.5f), (300, 0.45f), (400, 0.4f), (500, float.PositiveInfinity), (600, 0.3f), (700, float.NegativeInfinity),
        };

        XDocument document = XDocument.Parse(LearningCurveSvg.Render(points, "diverged"));

        XElement polyline = Assert.Single(document.Descendants(Svg + "polyline"));
        Assert.Equal(3, ParsePoints(polyline).Length);
        Assert.Equal(2, document.Descendants(Svg + "circle").Count());
        var note = document.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "note");
        Assert.StartsWith("3 costs were NaN or infinite", note.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", polyline.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HandlesExtremeMagnitudes()
    {
        var points = new List<(int Iteration, float Cost)> { (0, 3e38f), (1, 1e-30f), (2, -3e38f) };

        XDocument document = XDocument.Parse(LearningCurveSvg.Render(points, "extreme"));

        Assert.All(ParsePoints(document.Descendants(Svg + "polyline").Single()), v => AssertInsideFrame(document, v.X, v.Y));
    }

    [Fact]
    public void Render_RefusesEmptyAllNonFiniteAndUnorderedPoints()
    {
        var empty = Assert.Throws<ArgumentException>(() => LearningCurveSvg.Render([], "t"));
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        var nonFinite = Assert.Throws<ArgumentException>(() => LearningCurveSvg.Render([(0, float.NaN), (1, float.PositiveInfinity)], "t"));
        Assert.Contains("None of the 2 costs is finite", nonFinite.Message, StringComparison.Ordinal);
        var unordered = Assert.Throws<ArgumentException>(() => LearningCurveSvg.Render([(0, 1f), (200, 0.5f), (100, 0.7f)], "t"));
        Assert.Contains("point 2 has iteration 100 after 200", unordered.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => LearningCurveSvg.Render(null!, "t"));
        Assert.Throws<ArgumentNullException>(() => LearningCurveSvg.Render([(0, 1f)], null!));
    }

    [Fact]
    public void Write_ReplacesTheFileWithTheRenderedChartAndLeavesNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("curve.svg");
        File.WriteAllText(path, "an older, longer file that must be replaced entirely");
        var points = CourseLikeCurve();

        LearningCurveSvg.Write(path, points, "Learning rate =0.0075");

        Assert.Equal(LearningCurveSvg.Render(points, "Learning rate =0.0075"), File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(directory.Path));
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
        Assert.Throws<ArgumentException>(() => LearningCurveSvg.Write(path, [], "t"));
        Assert.Equal(new[] { path }, Directory.GetFiles(directory.Path));
    }

    static void AssertInsideFrame(XDocument document, double x, double y)
    {
        XElement frame = document.Root!.Elements(Svg + "rect").Single(r => r.Attribute("x") is not null);
        double left = Attribute(frame, "x"), top = Attribute(frame, "y");
        Assert.InRange(x, left, left + Attribute(frame, "width"));
        Assert.InRange(y, top, top + Attribute(frame, "height"));
    }
}
