using System.CommandLine;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy.Onnx;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl export</c>: a trained run's policy as an ONNX file.</summary>
public static class ExportCommand
{
    private static readonly string[] Formats = ["onnx"];

    public static Command Create(TextWriter output)
    {
        var run = new Argument<string>("run") { Description = "Run directory (written by 'hyperrl train')." };
        var format = new Option<string>("--format") { Description = "File format (onnx).", DefaultValueFactory = _ => "onnx" };
        var outPath = new Option<string?>("--out") { Description = "File to write (default RUN/policy.onnx, with --best RUN/best/policy.onnx)." };
        var best = new Option<bool>("--best") { Description = "Export the policy of the run's best evaluation (RUN/best) instead of the final one." };
        var descriptor = new Option<string[]>("--descriptor")
        {
            Description = "Descriptor value NAME=VALUE the exported network is specialized for (repeatable; default: the run's fixed parameters, the env's defaults elsewhere).",
            AllowMultipleArgumentsPerToken = true,
        };
        var withHypernetwork = new Option<bool>("--with-hypernetwork")
        {
            Description = "Keep the conditioning in the graph (hypernetwork, FiLM or concat) and read the descriptor as a second input, so it can change at run time.",
        };
        var command = new Command("export", "Write a trained policy as an ONNX file: raw observations in (the run's observation normalization is in the graph), " +
                                            $"deterministic actions and the distribution, value or Q-values out (opset {OnnxExport.Opset}).\n\nExamples:\n" +
                                            "  hyperrl export runs/CartPole-v1-ppo-hyper-s1 --out policy.onnx\n" +
                                            "  hyperrl export runs/CartPole-v1-ppo-hyper-s1 --descriptor pole_length=0.9 --out long-pole.onnx\n" +
                                            "  hyperrl export runs/CartPole-v1-ppo-hyper-s1 --with-hypernetwork --out conditioned.onnx")
        {
            run, format, outPath, best, descriptor, withHypernetwork,
        };
        command.SetAction(parse =>
        {
            string chosen = parse.GetValue(format)!;
            if (!Formats.Contains(chosen))
                throw new ArgumentException($"--format '{chosen}' is not supported; formats: {string.Join(", ", Formats)}");
            var point = Assignment.Points(parse.GetValue(descriptor) ?? [], "--descriptor");
            bool descriptorInput = parse.GetValue(withHypernetwork);
            if (descriptorInput && point.Count > 0)
                throw new ArgumentException("--with-hypernetwork reads the descriptor at run time: it takes no --descriptor");
            string runDirectory = parse.GetValue(run)!;
            bool useBest = parse.GetValue(best);
            string path = parse.GetValue(outPath) ?? Path.Combine(runDirectory, useBest ? "best" : "", "policy.onnx");
            using var trained = TrainedRun.Load(runDirectory, useBest);
            CheckWritable(path);
            var exported = descriptorInput ? PolicyExport.WithDescriptorInput(trained) : PolicyExport.ForDescriptor(trained, point);
            PolicyExport.Write(exported, path);

            output.WriteLine($"wrote {path} (ONNX opset {OnnxExport.Opset}, {trained.Model.Kind}, {trained.Model.Spec.Conditioning.ToString().ToLowerInvariant()} conditioning)");
            output.WriteLine($"  inputs:  {string.Join("; ", exported.Graph.Inputs)}");
            output.WriteLine($"  outputs: {string.Join("; ", exported.Graph.Outputs)}");
            output.WriteLine(exported.DescriptorText is { } text
                ? $"  descriptor: {text} (fixed)"
                : $"  descriptor: the 'descriptor' input, raw values of {string.Join(", ", exported.DescriptorNames)}");
            output.WriteLine(exported.NormalizesObservations
                ? "  observations: raw; the run's observation normalization is in the graph"
                : "  observations: raw (the run trained without observation normalization)");
            return 0;
        });
        return command;
    }

    /// <summary>Before any work: the file's folder exists and the path is not a folder.</summary>
    private static void CheckWritable(string path)
    {
        if (Directory.Exists(path)) throw new ArgumentException($"--out '{path}' is a directory; give a file name");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw new ArgumentException($"--out '{path}': folder '{folder}' does not exist");
    }
}
