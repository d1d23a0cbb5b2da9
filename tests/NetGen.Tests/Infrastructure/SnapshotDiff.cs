using System;
using System.Text;
using DiffPlex;

namespace NetGen.Tests.Infrastructure;

/// <summary>A unified diff (<c>---</c>/<c>+++</c>/<c>@@</c> hunks) of two texts, cut short after the first differences.</summary>
internal static class SnapshotDiff
{
    /// <summary>The hunks turning <paramref name="verified"/> into <paramref name="received"/>, at most <paramref name="maxLines"/> lines of them.</summary>
    public static string Unified(string verified, string received, int contextLines = 3, int maxLines = 60)
    {
        var diff = new Differ().CreateLineDiffs(verified, received, ignoreWhitespace: false);
        var (before, after, blocks) = (diff.PiecesOld, diff.PiecesNew, diff.DiffBlocks);
        var text = new StringBuilder("--- verified\n+++ received\n");
        var lines = 0;
        for (var first = 0; first < blocks.Count;)
        {
            // One hunk holds every block whose unchanged gap to the previous one is too small to cut.
            var last = first;
            while (last + 1 < blocks.Count
                   && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * contextLines)
                last++;

            var leading = Math.Min(contextLines, blocks[first].DeleteStartA);
            var endA = blocks[last].DeleteStartA + blocks[last].DeleteCountA;
            var trailing = Math.Min(contextLines, before.Length - endA);
            var startA = blocks[first].DeleteStartA - leading;
            var startB = blocks[first].InsertStartB - leading;
            var countA = endA + trailing - startA;
            var countB = blocks[last].InsertStartB + blocks[last].InsertCountB + trailing - startB;
            // Unified diff numbers an empty range by the line before it.
            text.Append($"@@ -{(countA == 0 ? startA : startA + 1)},{countA} +{(countB == 0 ? startB : startB + 1)},{countB} @@\n");

            var a = startA;
            for (var index = first; index <= last; index++)
            {
                var block = blocks[index];
                for (; a < block.DeleteStartA; a++) Line(' ', before[a]);
                for (var i = 0; i < block.DeleteCountA; i++) Line('-', before[block.DeleteStartA + i]);
                for (var i = 0; i < block.InsertCountB; i++) Line('+', after[block.InsertStartB + i]);
                a = block.DeleteStartA + block.DeleteCountA;
            }
            for (var i = 0; i < trailing; i++) Line(' ', before[a + i]);

            if (lines >= maxLines)
            {
                if (last + 1 < blocks.Count) text.Append($"... diff cut short; {blocks.Count - last - 1} more changed block(s) follow\n");
                break;
            }
            first = last + 1;
        }
        return text.ToString();

        void Line(char marker, string line)
        {
            if (lines++ < maxLines) text.Append(marker).Append(line).Append('\n');
            else if (lines == maxLines + 1) text.Append("... (hunk cut short)\n");
        }
    }
}
