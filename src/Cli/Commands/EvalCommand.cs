using System.CommandLine;
using System.Globalization;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Cli.Plotting;
using HyperRL.Envs.Registry;
using Newtonsoft.Json;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl eval</c>: returns of a trained policy, on its training descriptors and held-out points, given
/// descriptors, or a grid.</summary>
public static class EvalCommand
{
    public static Command Create(TextWriter output)
    {
        var run = RunOptions.Run();
        var episodes = new Option<int>("--episodes") { Description = "Episodes per descriptor setting.", DefaultValueFactory = _ => 20 };
        var seed = RunOptions.EpisodeSeed();
        var descriptor = new Option<string[]>("--descriptor") { Description = "Fixed descriptor values NAME=VALUE (repeatable). Without it and --grid: the training descriptors and every held-out point.", AllowMultipleArgumentsPerToken = true };
        var grid = new Option<string[]>("--grid") { Description = "NAME=LOW:HIGH:COUNT sweep (one gives a curve, two a heatmap).", AllowMultipleArgumentsPerToken = true };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file." };
        var png = new Option<string?>("--out") { Description = "PNG for --grid (default RUN/generalization.png)." };
        var best = RunOptions.Best();
        var command = new Command("eval", "Evaluate a trained policy (deterministic actions).\n\nExamples:\n" +
                                          "  hyperrl eval runs/CartPole-v1-ppo-hyper-s1 --episodes 20\n" +
                                          "  hyperrl eval runs/CartPole-v1-ppo-hyper-s1 --descriptor pole_length=0.9\n" +
                                          "  hyperrl eval runs/CartPole-v1-ppo-hyper-s1 --grid pole_length=0.2:1.2:11")
        {
            run, episodes, seed, descriptor, grid, json, png, best,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(episodes);
            if (n < 1) throw new ArgumentException("--episodes must be at least 1");
            var fixedValues = Assignment.Points(parse.GetValue(descriptor) ?? [], "--descriptor");
            var sweeps = (parse.GetValue(grid) ?? []).Select(GridSweep.Parse).ToList();
            if (sweeps.Count > 2) throw new ArgumentException("--grid takes at most two parameters (a curve or a heatmap)");
            using var trained = TrainedRun.Load(parse.GetValue(run)!, parse.GetValue(best));
            var points = EvalPoint.For(trained.Config, sweeps, fixedValues, EnvRegistry.Get(trained.Config.Env).DescriptorSpec);

            var results = new List<(IReadOnlyDictionary<string, double> Point, EvalResult Result)>();
            output.WriteLine($"{"set",-9} {"descriptor",-60} {"mean",9} {"std",8} {"length",8} {"ended",6}");
            foreach (var point in points)
            {
                var result = trained.Evaluate(point.Options(trained.Config), n, parse.GetValue(seed), point.Label);
                results.Add((point.Point, result));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Label,-9} {result.DescriptorText,-60} {result.MeanReturn,9:F1} {result.StdReturn,8:F1} {result.MeanLength,8:F1} {result.TerminatedFraction,6:P0}"));
            }
            if (parse.GetValue(json) is string jsonPath)
            {
                var document = results.Select(r => new
                {
                    set = r.Result.Label, descriptor = r.Result.DescriptorText, point = r.Point, meanReturn = r.Result.MeanReturn, stdReturn = r.Result.StdReturn,
                    meanLength = r.Result.MeanLength, terminatedFraction = r.Result.TerminatedFraction, returns = r.Result.Returns,
                });
                AtomicFile.WriteAllText(jsonPath, JsonConvert.SerializeObject(new { run = trained.Directory, env = trained.Config.Env, episodes = n, results = document }, Formatting.Indented));
                output.WriteLine($"wrote {jsonPath}");
            }
            if (sweeps.Count > 0)
            {
                string path = parse.GetValue(png) ?? Path.Combine(trained.Directory, "generalization.png");
                GeneralizationPlot.Save(sweeps, results, path, trained.Config);
                output.WriteLine($"wrote {path}");
            }
            return 0;
        });
        return command;
    }
}
