using System.Text;

namespace HyperRL.Cli.Tests.Progress;

/// <summary>
/// The screen a terminal of a fixed width would show after some output: enough of VT100 for what Spectre's live
/// display writes (cursor up/down/column, erase in line and display, colours and cursor visibility ignored), with
/// no height limit (the scrollback counts as screen). Counts the times the terminal had to wrap a line by itself:
/// the live display's cursor arithmetic assumes that never happens.
/// </summary>
internal sealed class VirtualTerminal
{
    private readonly int _width;
    private readonly List<char[]> _rows = [];
    private int _row;
    private int _column;

    public VirtualTerminal(int width) => _width = width;

    /// <summary>Characters that arrived with the cursor past the last column.</summary>
    public int AutoWraps { get; private set; }

    /// <summary>The rows that hold anything but spaces, right-trimmed, top to bottom.</summary>
    public IReadOnlyList<string> NonBlankRows =>
        _rows.Select(r => new string(r).TrimEnd()).Where(r => r.Length > 0).ToList();

    public void Feed(string output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            char c = output[i];
            switch (c)
            {
                case '\u001b':
                    i = Escape(output, i);
                    break;
                case '\r':
                    _column = 0;
                    break;
                case '\n':
                    // A terminal's line discipline turns LF into CR LF.
                    _row++;
                    _column = 0;
                    break;
                default:
                    if (char.IsControl(c)) throw new NotSupportedException($"control character U+{(int)c:X4}");
                    if (_column >= _width)
                    {
                        AutoWraps++;
                        _row++;
                        _column = 0;
                    }
                    Row(_row)[_column++] = c;
                    break;
            }
        }
    }

    private int Escape(string s, int start)
    {
        if (start + 1 >= s.Length) throw new NotSupportedException("lone ESC at the end");
        if (s[start + 1] == ']')
        {
            // OSC (hyperlinks): up to BEL or ESC \.
            int end = start + 2;
            while (end < s.Length && s[end] != '\a' && !(s[end] == '\u001b' && end + 1 < s.Length && s[end + 1] == '\\')) end++;
            return s[end] == '\a' ? end : end + 1;
        }
        if (s[start + 1] != '[') throw new NotSupportedException($"ESC {s[start + 1]}");
        int i = start + 2;
        var parameters = new StringBuilder();
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == ';' || s[i] == '?')) parameters.Append(s[i++]);
        char final = s[i];
        string p = parameters.ToString();
        int n = p.Length > 0 && !p.StartsWith('?') && !p.Contains(';') ? int.Parse(p) : 1;
        switch (final)
        {
            case 'A': _row = Math.Max(0, _row - n); break;
            case 'B': _row += n; break;
            case 'C': _column = Math.Min(_width - 1, _column + n); break;
            case 'D': _column = Math.Max(0, _column - n); break;
            case 'G': _column = Math.Clamp(n - 1, 0, _width - 1); break;
            case 'K': EraseInLine(p); break;
            case 'J' when p is "2" or "3": _rows.Clear(); break;
            case 'H' when p.Length == 0: _row = 0; _column = 0; break;
            case 'm': break;
            case 'l' or 'h' when p == "?25": break;
            default: throw new NotSupportedException($"CSI {p}{final}");
        }
        return i;
    }

    private void EraseInLine(string mode)
    {
        var row = Row(_row);
        int from = mode is "2" ? 0 : mode is "" or "0" ? Math.Min(_column, _width) : throw new NotSupportedException($"CSI {mode}K");
        Array.Fill(row, ' ', from, _width - from);
    }

    private char[] Row(int index)
    {
        while (_rows.Count <= index)
        {
            var blank = new char[_width];
            Array.Fill(blank, ' ');
            _rows.Add(blank);
        }
        return _rows[index];
    }
}
