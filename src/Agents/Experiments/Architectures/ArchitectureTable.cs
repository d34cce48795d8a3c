using HyperRL.Agents.Runs;
using nietras.SeparatedValues;

namespace HyperRL.Agents.Experiments.Architectures;

/// <summary>arch.csv: architecture, depth, parameters, then mean and std return per descriptor set; one whole-file
/// replace.</summary>
public static class ArchitectureTable
{
    public static void Write(string path, IReadOnlyList<ArchitectureResult> results) =>
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            var labels = results[0].Sets.Select(set => set.Label).ToArray();
            text.WriteLine(string.Join(",", new[] { "architecture", "depth", "parameters" }.Concat(labels.SelectMany(l => new[] { $"{l}_mean", $"{l}_std" }))));
            text.Flush();
            using var writer = Sep.New(',').Writer(o => o with { WriteHeader = false }).To(text, leaveOpen: true);
            foreach (var result in results)
            {
                using var row = writer.NewRow();
                row[0].Set(result.Name);
                row[1].Format(result.Hidden.Length);
                row[2].Format(result.Parameters);
                for (var s = 0; s < labels.Length; s++)
                {
                    row[3 + 2 * s].Set(Number(result.Sets[s].MeanReturn));
                    row[4 + 2 * s].Set(Number(result.Sets[s].StdReturn));
                }
            }
        });

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
