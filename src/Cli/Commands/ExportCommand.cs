using System.CommandLine;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Onnx;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl export</c>: a trained run's policy as an ONNX file, or as a standalone plain-MLP policy file
/// (one architecture of a run's space, one descriptor) that eval, render and the library load like a run.</summary>
public static class ExportCommand
{
    private const string Onnx = "onnx";
    private const string Hrlp = "hrlp";
    private static readonly string[] Formats = [Onnx, Hrlp];

    public static Command Create(TextWriter output)
    {
        var run = RunOptions.Run();
        var format = new Option<string>("--format")
        {
            Description = "onnx (an ONNX graph) or hrlp (a standalone HyperRL policy file of plain MLPs, no hypernetwork inside, that eval and render accept in place of RUN).",
            DefaultValueFactory = _ => Onnx,
        };
        var outPath = new Option<string?>("--out") { Description = "File to write (default RUN/policy.onnx or RUN/policy-ARCH.hrlp, under RUN/best with --best)." };
        var arch = new Option<string?>("--arch")
        {
            Description = "With a run trained on an architecture space: the hidden sizes to export, e.g. 16,16 (see 'hyperrl arch'; default: the space's largest).",
        };
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
                                            "  hyperrl export runs/CartPole-v1-ppo-hyper-s1 --with-hypernetwork --out conditioned.onnx\n" +
                                            "  hyperrl export runs/CartPole-v1-ppo-hyper-s1 --format hrlp --arch 16,16 --out small.hrlp")
        {
            run, format, outPath, best, descriptor, withHypernetwork, arch,
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
            var hidden = parse.GetValue(arch) is { } archText
                ? ArchitectureSpace.Parse(archText) ?? throw new ArgumentException($"--arch '{archText}' is not a list of hidden sizes such as 16,16")
                : null;
            if (descriptorInput && (hidden is not null || chosen == Hrlp))
                throw new ArgumentException("--with-hypernetwork keeps the conditioning in an ONNX graph: it takes no --arch and no --format hrlp");
            string runDirectory = parse.GetValue(run)!;
            bool useBest = parse.GetValue(best);
            using var trained = TrainedRun.Load(runDirectory, useBest);
            var space = (trained.Model as ActorCritic)?.Architectures;
            int? architecture = ArchitectureOf(trained, hidden, runDirectory);
            if (descriptorInput && architecture is not null)
                throw new ArgumentException($"run '{runDirectory}' trained an architecture space: export one architecture (--arch) without --with-hypernetwork");
            string? archName = architecture is int chosenIndex ? ArchitectureSpace.Format(space![chosenIndex]) : null;
            string defaultName = chosen == Onnx ? "policy.onnx" : $"policy-{archName ?? "plain"}.hrlp";
            string path = parse.GetValue(outPath) ?? Path.Combine(trained.Directory, useBest ? "best" : "", defaultName);
            CheckWritable(path);
            if (chosen == Hrlp || architecture is not null)
            {
                var resolved = PolicyExport.Descriptor(trained, point);
                var (values, text) = resolved;
                using var plain = trained.Specialize(values, architecture);
                if (architecture is int index)
                    output.WriteLine($"architecture {archName}: actor {((ActorCritic)trained.Model).ActorParameterCount(index):N0} parameters " +
                                     $"(with its critic {plain.Model.ParameterCount:N0}), descriptor {text}");
                if (chosen == Hrlp)
                {
                    plain.SaveStandalone(path);
                    output.WriteLine($"wrote {path} (standalone {plain.Model.Kind}, plain MLPs [{string.Join(", ", plain.Model.Spec.Hidden)}], descriptor {text} folded in; " +
                                     $"'hyperrl eval {path}' acts with it)");
                    return 0;
                }
                return WriteOnnx(output, plain, PolicyExport.ForDescriptor(plain, resolved), path);
            }
            var exported = descriptorInput ? PolicyExport.WithDescriptorInput(trained) : PolicyExport.ForDescriptor(trained, point);
            return WriteOnnx(output, trained, exported, path);
        });
        return command;
    }

    /// <summary>The space index of --arch (the space's default when not given) for a run with an architecture space;
    /// null for a run without one (where --arch is an error).</summary>
    private static int? ArchitectureOf(TrainedRun trained, int[]? hidden, string runDirectory)
    {
        var space = (trained.Model as ActorCritic)?.Architectures;
        if (space is null)
            return hidden is null ? null : throw new ArgumentException($"--arch: run '{runDirectory}' trained one architecture (it has no policy.architectures)");
        if (hidden is null) return ((ActorCritic)trained.Model).DefaultArchitecture;
        int index = space.IndexOf(hidden);
        return index >= 0 ? index : throw new ArgumentException(
            $"--arch {ArchitectureSpace.Format(hidden)} is not in the run's architecture space ({space.Count} architectures, depth 1-{space.MaxDepth}, widths up to {space.MaxWidth}; 'hyperrl arch' lists them)");
    }

    private static int WriteOnnx(TextWriter output, TrainedRun trained, ExportedPolicy exported, string path)
    {
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
    }

    /// <summary>Before any work: the file's folder exists and the path is not a folder.</summary>
    private static void CheckWritable(string path)
    {
        if (Directory.Exists(path)) throw new ArgumentException($"--out '{path}' is a directory; give a file name");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw new ArgumentException($"--out '{path}': folder '{folder}' does not exist");
    }
}
