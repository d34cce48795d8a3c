// HyperRL as a library: plan a run (the env's preset, then overrides), train it, load it back, evaluate the policy on
// a descriptor it never trained on and export it to ONNX for that descriptor. Usage: dotnet run --project samples/LibraryQuickstart -- [OUT_DIR] [STEPS]
using System.Globalization;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Training;
using HyperRL.Envs.Descriptors;

string output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "hyperrl-sample");
long steps = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;

var plan = TrainPlan.Resolve(new TrainRequest
{
    Env = "CartPole-v1",
    Algo = "ppo",
    Steps = steps,
    Out = output,
    Randomize = new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 0.7) },
    HeldOut = [new Dictionary<string, double> { ["pole_length"] = 0.9 }],
});
var run = plan.Single();
Console.WriteLine($"training {run.Config.Algo} on {run.Config.Env} for {run.Config.TotalSteps:N0} steps -> {run.RunDirectory}");
var result = Trainer.Train(run.Config, run.RunDirectory);
foreach (var evaluation in result.FinalEvaluation)
    Console.WriteLine(FormattableString.Invariant($"  {evaluation.Label}: {evaluation.MeanReturn:F1} ({evaluation.DescriptorText})"));

using var trained = TrainedRun.Load(run.RunDirectory);
var unseen = trained.Evaluate(trained.EnvOptions(new Dictionary<string, double> { ["pole_length"] = 0.8 }), episodes: 10, seed: 1000, "unseen");
Console.WriteLine(FormattableString.Invariant($"pole_length 0.8 (never trained on): {unseen.MeanReturn:F1} +- {unseen.StdReturn:F1}"));

var onnxPath = Path.Combine(run.RunDirectory, "policy-pole_length-0.8.onnx");
var exported = PolicyExport.ForDescriptor(trained, new Dictionary<string, double> { ["pole_length"] = 0.8 });
PolicyExport.Write(exported, onnxPath);
Console.WriteLine($"ONNX ({exported.DescriptorText}): {onnxPath}, {new FileInfo(onnxPath).Length:N0} bytes");
return double.IsFinite(unseen.MeanReturn) && result.Steps >= steps && new FileInfo(onnxPath).Length > 0 ? 0 : 1;
