using HyperRL.Agents.Runs;

namespace HyperRL.Agents.Tests;

/// <summary>A run's CSV files without their wall-clock columns, for comparing two runs that should be identical.</summary>
internal static class RunFiles
{
    /// <summary>Columns that measure time or memory, not training.</summary>
    private static readonly HashSet<string> WallClock =
        [RunColumns.Seconds, RunColumns.ResidentMegabytes, "steps_per_second", "rollout_seconds", "update_seconds"];

    public static string[] WithoutWallClock(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) return lines;
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(k => !WallClock.Contains(header[k])).ToArray();
        return lines.Select(line =>
        {
            var cells = line.Split(',');
            return string.Join(",", keep.Select(k => k < cells.Length ? cells[k] : ""));
        }).ToArray();
    }
}
