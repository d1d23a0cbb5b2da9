using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Xml;
using NetGen.IO;

namespace NetGen.Data.Plotting;

/// <summary>
/// Draws a learning curve (cost against iterations) as a self-contained SVG line chart, like the plot at
/// the end of the course's training loop: x is the iteration in hundreds, y the cost.
/// </summary>
/// <remarks>
/// Points must have strictly increasing iterations. NaN and infinite costs (a diverged run) are skipped,
/// not refused: the line breaks where they were, an isolated finite point is drawn as a dot, and a note
/// under the title counts the skipped points. All numbers are written in the invariant culture.
/// </remarks>
public static class LearningCurveSvg
{
    const int Width = 720, Height = 450;
    const double PlotLeft = 84, PlotRight = 690, PlotTop = 58, PlotBottom = 372;
    const string LineColor = "#1f77b4", GridColor = "#e6e6e6", AxisColor = "#444444", TextColor = "#222222";

    /// <summary>Returns the SVG document for <paramref name="points"/> under the heading <paramref name="title"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="points"/> is empty, has no finite cost, or its iterations do not increase.</exception>
    public static string Render(IReadOnlyList<(int Iteration, float Cost)> points, string title)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(title);
        if (points.Count == 0) throw new ArgumentException("A learning curve needs at least one point; the list is empty.", nameof(points));

        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minCost = double.PositiveInfinity, maxCost = double.NegativeInfinity;
        int skipped = 0;
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0 && points[i].Iteration <= points[i - 1].Iteration)
                throw new ArgumentException(
                    $"Iterations must increase, but point {i} has iteration {points[i].Iteration} after {points[i - 1].Iteration}.", nameof(points));
            if (!float.IsFinite(points[i].Cost)) { skipped++; continue; }
            minX = Math.Min(minX, Hundreds(points[i].Iteration));
            maxX = Math.Max(maxX, Hundreds(points[i].Iteration));
            minCost = Math.Min(minCost, points[i].Cost);
            maxCost = Math.Max(maxCost, points[i].Cost);
        }
        if (skipped == points.Count)
            throw new ArgumentException($"None of the {points.Count} costs is finite (all are NaN or infinite); there is nothing to draw.", nameof(points));

        var xAxis = NiceAxis.Covering(minX, maxX, targetTicks: 8);
        var yAxis = NiceAxis.Covering(minCost, maxCost, targetTicks: 6);
        var svg = new StringBuilder();
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" ")
           .Append("font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
        svg.Append("  <title>").Append(EscapeXml(title)).Append("</title>\n");
        svg.Append($"  <rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        AppendGridAndTicks(svg, xAxis, yAxis);
        AppendLabels(svg, title, skipped);
        AppendCurve(svg, points, xAxis, yAxis);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Renders the chart and writes it to <paramref name="path"/> as UTF-8, replacing any existing file atomically.</summary>
    /// <exception cref="ArgumentException"><paramref name="points"/> is empty, has no finite cost, or its iterations do not increase.</exception>
    public static void Write(string path, IReadOnlyList<(int Iteration, float Cost)> points, string title)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string svg = Render(points, title);
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(svg);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    static double Hundreds(int iteration) => iteration / 100.0;

    static void AppendGridAndTicks(StringBuilder svg, NiceAxis xAxis, NiceAxis yAxis)
    {
        var grid = new StringBuilder();
        var labels = new StringBuilder();
        foreach (double tick in xAxis.Ticks())
        {
            string x = Number(xAxis.Map(tick, PlotLeft, PlotRight));
            grid.Append($"    <line x1=\"{x}\" y1=\"{Number(PlotTop)}\" x2=\"{x}\" y2=\"{Number(PlotBottom + 5)}\"/>\n");
            labels.Append($"    <text class=\"x-tick\" x=\"{x}\" y=\"{Number(PlotBottom + 21)}\" text-anchor=\"middle\">{xAxis.Format(tick)}</text>\n");
        }
        foreach (double tick in yAxis.Ticks())
        {
            string y = Number(yAxis.Map(tick, PlotBottom, PlotTop));
            grid.Append($"    <line x1=\"{Number(PlotLeft - 5)}\" y1=\"{y}\" x2=\"{Number(PlotRight)}\" y2=\"{y}\"/>\n");
            labels.Append($"    <text class=\"y-tick\" x=\"{Number(PlotLeft - 9)}\" y=\"{y}\" dy=\"0.35em\" text-anchor=\"end\">{yAxis.Format(tick)}</text>\n");
        }
        svg.Append($"  <g stroke=\"{GridColor}\" stroke-width=\"1\">\n").Append(grid).Append("  </g>\n");
        svg.Append($"  <rect x=\"{Number(PlotLeft)}\" y=\"{Number(PlotTop)}\" width=\"{Number(PlotRight - PlotLeft)}\" height=\"{Number(PlotBottom - PlotTop)}\" ")
           .Append($"fill=\"none\" stroke=\"{AxisColor}\" stroke-width=\"1\"/>\n");
        svg.Append($"  <g font-size=\"12\" fill=\"{TextColor}\">\n").Append(labels).Append("  </g>\n");
    }

    static void AppendLabels(StringBuilder svg, string title, int skipped)
    {
        double centerX = (PlotLeft + PlotRight) / 2, centerY = (PlotTop + PlotBottom) / 2;
        svg.Append($"  <text class=\"title\" x=\"{Number(centerX)}\" y=\"32\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\" fill=\"{TextColor}\">")
           .Append(EscapeXml(title)).Append("</text>\n");
        svg.Append($"  <text class=\"x-label\" x=\"{Number(centerX)}\" y=\"{Number(PlotBottom + 52)}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{TextColor}\">iterations (per hundreds)</text>\n");
        svg.Append($"  <text class=\"y-label\" transform=\"translate(26 {Number(centerY)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\" fill=\"{TextColor}\">cost</text>\n");
        if (skipped > 0)
            svg.Append($"  <text class=\"note\" x=\"{Number(PlotRight)}\" y=\"{Number(PlotTop - 8)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#b22222\">")
               .Append(skipped.ToString(CultureInfo.InvariantCulture)).Append(skipped == 1 ? " cost was" : " costs were").Append(" NaN or infinite and not drawn</text>\n");
    }

    /// <summary>Draws each run of consecutive finite points as a polyline, or as a dot when the run is one point long.</summary>
    static void AppendCurve(StringBuilder svg, IReadOnlyList<(int Iteration, float Cost)> points, NiceAxis xAxis, NiceAxis yAxis)
    {
        int runStart = 0;
        for (int i = 0; i <= points.Count; i++)
        {
            if (i < points.Count && float.IsFinite(points[i].Cost)) continue;
            if (i - runStart == 1)
            {
                (string x, string y) = Coordinates(points[runStart], xAxis, yAxis);
                svg.Append($"  <circle class=\"curve-point\" cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{LineColor}\"/>\n");
            }
            else if (i - runStart > 1)
            {
                svg.Append("  <polyline class=\"curve\" fill=\"none\" stroke=\"").Append(LineColor)
                   .Append("\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
                for (int k = runStart; k < i; k++)
                {
                    (string x, string y) = Coordinates(points[k], xAxis, yAxis);
                    svg.Append(k == runStart ? "" : " ").Append(x).Append(',').Append(y);
                }
                svg.Append("\"/>\n");
            }
            runStart = i + 1;
        }
    }

    static (string X, string Y) Coordinates((int Iteration, float Cost) point, NiceAxis xAxis, NiceAxis yAxis) =>
        (Number(xAxis.Map(Hundreds(point.Iteration), PlotLeft, PlotRight)), Number(yAxis.Map(point.Cost, PlotBottom, PlotTop)));

    static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Escapes markup characters, and replaces characters XML cannot hold at all (most control characters) with U+FFFD.</summary>
    static string EscapeXml(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                default:
                    if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        escaped.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
                    }
                    break;
            }
        }
        return escaped.ToString();
    }
}
