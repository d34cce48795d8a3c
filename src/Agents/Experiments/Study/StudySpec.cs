using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// A generalization study as written in its JSON file: which env, algorithm and budget, which conditioning schemes
/// and seeds, which two (or one) context features vary and under which protocol mode (see
/// <see cref="EvaluationProtocol"/>), and how the trained policies are evaluated. Every scheme gets the same preset,
/// budget and <see cref="Config"/>: only its policy settings differ.
/// </summary>
public sealed record StudySpec
{
    public required string Env { get; init; }
    public string Algo { get; init; } = "ppo";
    /// <summary>The algorithm's named preset; null: its default.</summary>
    public string? Preset { get; init; }
    /// <summary>Env steps per run; null: the preset's.</summary>
    public long? Steps { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }
    public required IReadOnlyList<StudyScheme> Schemes { get; init; }
    public required IReadOnlyList<ContextFeature> Features { get; init; }
    public ProtocolMode Protocol { get; init; } = ProtocolMode.A;
    /// <summary>Evaluation episodes per (run, point, policy).</summary>
    public int Episodes { get; init; } = 20;
    /// <summary>Points drawn per protocol split.</summary>
    public int PointsPerSplit { get; init; } = 10;
    /// <summary>Seed of the point draws: the same for every scheme and seed, so all are evaluated on the same points.</summary>
    public int PointSeed { get; init; }
    /// <summary>Points per feature sweep (0: no sweeps).</summary>
    public int SweepPoints { get; init; } = 9;
    /// <summary>Extra evaluation points, each naming every feature (split "points").</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Points { get; init; } = [];
    /// <summary>Config keys laid over the preset for every run (numEnvs, fixed parameters, algorithm settings).</summary>
    public JObject Config { get; init; } = new();
    public StudyNormalization? Normalize { get; init; }
    /// <summary>Seed of the first evaluation episode at every point (episode k uses EvalSeed + k).</summary>
    public int EvalSeed { get; init; } = 100_000;

    public static StudySpec Parse(string json, string source) => StudySpecReader.Read(json, source);
}
