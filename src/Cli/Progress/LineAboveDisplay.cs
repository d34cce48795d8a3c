using Spectre.Console;
using Spectre.Console.Rendering;

namespace HyperRL.Cli.Progress;

/// <summary>
/// A line printed above the live display (an evaluation result, a notice), wrapped at the width like any text, with
/// each terminal row it takes erased first.
/// </summary>
/// <remarks>
/// Spectre moves the cursor to the top of the live region and writes the line there: without the erase, a line
/// shorter than the display line it replaces would keep that line's tail.
/// </remarks>
public sealed class LineAboveDisplay : IRenderable
{
    private readonly Text _text;

    public LineAboveDisplay(string line) => _text = new Text(line);

    public Measurement Measure(RenderOptions options, int maxWidth) => ((IRenderable)_text).Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var erase = ((IRenderable)ControlCode.Create(options.Capabilities, w => w.EraseInLine(2))).Render(options, maxWidth).ToList();
        foreach (var line in Segment.SplitLines(((IRenderable)_text).Render(options, maxWidth), maxWidth))
        {
            foreach (var segment in erase) yield return segment;
            foreach (var segment in line) yield return segment;
            yield return Segment.LineBreak;
        }
    }
}
