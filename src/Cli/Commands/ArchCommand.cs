using System.CommandLine;
using System.Globalization;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Experiments.Architectures;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Cli.Plotting;
using HyperRL.Envs.Registry;
using HyperRL.HyperPolicy;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl arch</c>: every architecture a run's hypernetwork generates, evaluated; arch.csv, the Pareto
/// front of return against size, and the smallest architecture within a fraction of the best.</summary>
public static class ArchCommand
{
    public static Command Create(TextWriter output)
    {
        var run = RunOptions.Run();
        var sample = new Option<int?>("--sample") { Description = "Evaluate N architectures drawn from the space (seeded) instead of all." };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per architecture and descriptor set.", DefaultValueFactory = _ => 10 };
        var seed = RunOptions.EpisodeSeed("and of --sample");
        var within = new Option<double>("--within") { Description = "Report the smallest architecture whose training-set return is within this fraction of the best.", DefaultValueFactory = _ => 0.05 };
        var best = RunOptions.Best();
        var csv = new Option<string?>("--csv") { Description = "CSV to write (default RUN/arch.csv)." };
        var png = new Option<string?>("--out") { Description = "Pareto-front PNG to write (default RUN/arch.png)." };
        var command = new Command("arch", "Evaluate every architecture of a run's architecture space on its training descriptors and held-out points: " +
                                          "arch.csv (architecture, parameters, mean and std return per set), a Pareto-front PNG (return vs actor parameters), " +
                                          "and the smallest architecture within --within of the best.\n\nExamples:\n" +
                                          "  hyperrl arch runs/CartPole-v1-ppo-hyper-s1\n" +
                                          "  hyperrl arch runs/LunarLander-v3-ppo-hyper-s1 --sample 40 --within 0.1")
        {
            run, sample, episodes, seed, within, best, csv, png,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(episodes);
            if (n < 1) throw new ArgumentException("--episodes must be at least 1");
            int? count = parse.GetValue(sample);
            if (count is < 1) throw new ArgumentException("--sample must be at least 1");
            double fraction = parse.GetValue(within);
            if (!(fraction >= 0 && fraction < 1)) throw new ArgumentException("--within must be a fraction in [0, 1)");
            string runDirectory = parse.GetValue(run)!;
            using var trained = TrainedRun.Load(runDirectory, parse.GetValue(best));
            var space = ArchitectureSweep.PolicyOf(trained).Architectures!;
            string csvPath = parse.GetValue(csv) ?? Path.Combine(trained.Directory, "arch.csv");
            string pngPath = parse.GetValue(png) ?? Path.Combine(trained.Directory, "arch.png");
            var sets = EvalPoint.For(trained.Config, Array.Empty<GridSweep>(), new Dictionary<string, double>(), EnvRegistry.Get(trained.Config.Env).DescriptorSpec);
            var chosen = ArchitectureSweep.Choose(space, count, parse.GetValue(seed));
            output.WriteLine($"{chosen.Count} of {space.Count} architectures x {sets.Count} descriptor set(s) ({string.Join(", ", sets.Select(s => s.Label))}) x {n} episodes");
            output.WriteLine($"{"architecture",-16} {"params",8} " + string.Join(" ", sets.Select(s => $"{s.Label + " mean",14} {"std",7}")));
            var results = ArchitectureSweep.Evaluate(trained, chosen, sets, n, parse.GetValue(seed), result =>
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Name,-16} {result.Parameters,8} ")
                                 + string.Join(" ", result.Sets.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.MeanReturn,14:F1} {s.StdReturn,7:F1}")))));

            ArchitectureTable.Write(csvPath, results);
            var plotted = new List<(string, double[])> { ("train", results.Select(r => r.Sets[0].MeanReturn).ToArray()) };
            if (sets.Count > 1) plotted.Add(("held-out (mean over points)", results.Select(r => r.Sets.Skip(1).Average(s => s.MeanReturn)).ToArray()));
            ParetoPlot.Save(results, plotted, pngPath, $"{trained.Config.Env}: {results.Count} architectures from one hypernetwork");
            output.WriteLine($"wrote {csvPath}");
            output.WriteLine($"wrote {pngPath}");

            var parameters = results.Select(r => r.Parameters).ToArray();
            foreach (var (label, scores) in plotted)
            {
                var front = ParetoFront.Of(parameters, scores);
                output.WriteLine($"{label} Pareto front: " + string.Join(", ", front.Select(i => string.Create(CultureInfo.InvariantCulture,
                    $"[{results[i].Name}] {parameters[i]} params {scores[i]:F1}"))));
                int smallest = ParetoFront.SmallestWithin(parameters, scores, fraction);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: smallest within {fraction:P0} of the best ({scores.Max():F1}): [{results[smallest].Name}], {parameters[smallest]} parameters, return {scores[smallest]:F1}"));
            }
            return 0;
        });
        return command;
    }
}
