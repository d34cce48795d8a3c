using System.Security.Cryptography;

namespace HyperRL.Cli.Tests;

/// <summary>
/// Bad input, table-driven: every case exits with 2 and one line `error: ...` holding the words that name the problem
/// (no stack trace, no .NET type name), checked before any work: the existing run is unchanged and no new run exists.
/// </summary>
public sealed class BadInputTests
{
    private static string _root = "";
    private static string _run = "";
    private const string Fresh = "fresh";

    [OneTimeSetUp]
    public static void TrainATinyRun()
    {
        _root = Directory.CreateTempSubdirectory("hyperrl-bad-input-").FullName;
        var trained = CliRunner.Run("train", "--steps", "512", "--name", "r", "--out", _root, "--quiet", "--eval-every", "256");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);
        _run = Path.Combine(_root, "r");
        Write("bad.json", "{ \"ppo\": { \"numSteps\": 32, }");
        Directory.CreateDirectory(Path.Combine(_root, "a-directory.json"));
        // A run that has not written its policy yet: its config alone.
        Directory.CreateDirectory(Path.Combine(_root, "no-policy"));
        File.Copy(Path.Combine(_run, "config.json"), Path.Combine(_root, "no-policy", "config.json"));
        foreach (var (name, json) in Configs) Write(name, json);
    }

    [OneTimeTearDown]
    public static void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private static void Write(string name, string text) => File.WriteAllText(Path.Combine(_root, name), text);

    private static readonly (string Name, string Json)[] Configs =
    [
        ("typo.json", """{"totalStep": 1000}"""),
        ("nan.json", """{"ppo": {"entCoef": "NaN"}}"""),
        ("clip.json", """{"ppo": {"clipCoef": -1}}"""),
        ("foreign.json", """{"dqn": {"batchSize": 32}}"""),
        ("huge.json", """{"policy": {"hidden": [50000, 50000]}}"""),
        ("head.json", """{"policy": {"head": "beta"}}"""),
        ("buffer.json", """{"algo": "dqn", "dqn": {"bufferSize": 2000000000}, "totalSteps": 2000000000}"""),
        ("minibatch.json", """{"ppo": {"minibatchSize": 100000}}"""),
        ("gamma.json", """{"ppo": {"gamma": 1.5}}"""),
        ("preset.json", """{"preset": "rainbo"}"""),
        ("seed.json", """{"seed": "one"}"""),
        ("boxes.json", """{"randomizeBoxes": [{"pole_length": "0.3:0.4", "force_mag": "7:13"}, {"pole_length": "0.3:0.7", "force_mag": "7:8"}]}"""),
        ("boxes-names.json", """{"randomizeBoxes": [{"pole_length": "0.3:0.4"}, {"pole_length": "0.3:0.7", "force_mag": "7:8"}]}"""),
        ("boxes-overlap.json", """{"randomize": {"pole_length": "0.3:0.8"}, "randomizeBoxes": [{"pole_length": "0.3:0.4"}]}"""),
        ("boxes-range.json", """{"randomizeBoxes": [{"pole_length": "0.3:0.4"}, {"pole_length": "0.3:9"}]}"""),
        ("boxes-text.json", """{"randomizeBoxes": [{"pole_length": "0.3-0.4"}]}"""),
        ("boxes-unknown.json", """{"randomizeBoxes": [{"pole_lenght": "0.3:0.4"}]}"""),
        ("boxes-empty.json", """{"randomizeBoxes": [{}]}"""),
        ("boxes-shape.json", """{"randomizeBoxes": {"pole_length": "0.3:0.4"}}"""),
        ("cluster-membership.json", """{"membership": "etcd"}"""),
        ("cluster-redis-down.json", """{"membership": "redis", "redis": "127.0.0.1:1,connectTimeout=300", "waitSeconds": 3, "port": 0}"""),
    ];

    // {RUN} and {ROOT} are replaced by the tiny run and the temporary folder; every train case writes to --name fresh.
    private static readonly (string[] Args, string[] Words)[] Table =
    [
        (["train", "--env", "CartPole-v9"], ["CartPole-v9", "CartPole-v1"]),
        (["train", "--algo", "a2c"], ["a2c", "'ppo'", "'dqn'"]),
        (["train", "--policy", "hyperr"], ["hyperr", "'hyper'"]),
        (["train", "--preset", "fast"], ["ppo has no preset 'fast'", "default"]),
        (["train", "--steps", "abc"], ["--steps expects an integer", "'abc'"]),
        (["train", "--steps", "-5"], ["totalSteps", "-5"]),
        (["train", "--steps", "0"], ["totalSteps"]),
        (["train", "--seed", "x"], ["--seed expects an integer"]),
        (["train", "--seeds", "1,,2"], ["--seeds", "''"]),
        (["train", "--seeds", "1,1"], ["twice"]),
        (["train", "--envs", "0"], ["numEnvs"]),
        (["train", "--envs", "2000000000"], ["numEnvs", "65,536"]),
        (["train", "--envs", "8", "--workers", "9"], ["workers", "numEnvs"]),
        (["train", "--device", "tpu"], ["'tpu'", "'cpu'"]),
        (["train", "--randomize", "pole_lenght=0.3:0.8"], ["pole_lenght", "pole_length"]),
        (["train", "--randomize", "pole_length=0.8:0.3"], ["0.8:0.3"]),
        (["train", "--randomize", "pole_length=0.1:0.5"], ["randomize.pole_length", "outside"]),
        (["train", "--randomize", "pole_length"], ["--randomize", "NAME=LOW:HIGH"]),
        (["train", "--set", "force_mag=abc"], ["--set force_mag", "not a number"]),
        (["train", "--set", "force_mag=-3"], ["parameters.force_mag", "outside"]),
        (["train", "--set", "force_mag=1", "--set", "force_mag=2"], ["force_mag", "twice"]),
        (["train", "--heldout", "pole_length=9"], ["heldOut[0].pole_length", "outside"]),
        (["train", "--heldout", "pole_length=1,pole_length=2"], ["pole_length", "twice"]),
        (["train", "--heldout", "pole_length=NaN"], ["pole_length", "not a number"]),
        (["train", "--config", "{ROOT}/missing.json"], ["missing.json", "does not exist"]),
        (["train", "--config", "{ROOT}/a-directory.json"], ["a-directory.json", "is a directory"]),
        (["train", "--config", "{ROOT}/bad.json"], ["bad.json", "not valid JSON"]),
        (["train", "--config", "{ROOT}/typo.json"], ["totalStep", "totalSteps"]),
        (["train", "--config", "{ROOT}/nan.json"], ["ppo.entCoef", "NaN"]),
        (["train", "--config", "{ROOT}/clip.json"], ["ppo.clipCoef"]),
        (["train", "--config", "{ROOT}/foreign.json"], ["'dqn'", "'ppo'"]),
        (["train", "--config", "{ROOT}/huge.json"], ["hidden", "100,000,000"]),
        (["train", "--config", "{ROOT}/head.json"], ["beta", "categorical"]),
        (["train", "--config", "{ROOT}/buffer.json"], ["dqn.bufferSize", "replay buffer", "GB"]),
        (["train", "--config", "{ROOT}/minibatch.json"], ["ppo.minibatchSize", "rollout"]),
        (["train", "--config", "{ROOT}/gamma.json"], ["ppo.gamma", "[0, 1]"]),
        (["train", "--config", "{ROOT}/seed.json"], ["seed.json"]),
        (["train", "--config", "{ROOT}/preset.json"], ["no preset 'rainbo'"]),
        (["train", "--config", "{ROOT}/boxes-names.json"], ["randomizeBoxes[1] names pole_length, force_mag but randomizeBoxes[0] names pole_length"]),
        (["train", "--config", "{ROOT}/boxes-overlap.json"], ["randomizeBoxes[0].pole_length", "randomize too"]),
        (["train", "--config", "{ROOT}/boxes.json", "--randomize", "force_mag=7:9"], ["randomizeBoxes[0].force_mag", "randomize too"]),
        (["train", "--config", "{ROOT}/boxes-range.json"], ["randomizeBoxes[1].pole_length", "outside"]),
        (["train", "--config", "{ROOT}/boxes-text.json"], ["randomizeBoxes[0].pole_length", "'0.3-0.4'", "LOW:HIGH"]),
        (["train", "--config", "{ROOT}/boxes-unknown.json"], ["randomizeBoxes[0].pole_lenght", "pole_length"]),
        (["train", "--config", "{ROOT}/boxes-empty.json"], ["randomizeBoxes[0] names no descriptor parameter"]),
        (["train", "--config", "{ROOT}/boxes-shape.json"], ["boxes-shape.json", "randomizeBoxes"]),
        (["train", "--algo", "dqn", "--env", "Pendulum-v1"], ["dqn needs discrete actions"]),
        (["train", "--algo", "sac"], ["sac needs continuous actions"]),
        (["train", "--eval-every", "-1"], ["evalEvery"]),
        (["train", "--remote-workers", "-1"], ["remoteWorkers", "-1"]),
        (["train", "--remote-workers", "2", "--algo", "dqn", "--preset", "rainbow"], ["remote actors send one-step transitions", "dqn.nStep 3"]),
        (["train", "--remote-workers", "1", "--cluster", "{ROOT}/missing-cluster.json"], ["missing-cluster.json", "neither 'localhost' nor an existing cluster file"]),
        (["train", "--remote-workers", "1", "--cluster", "{ROOT}/cluster-membership.json"], ["membership 'etcd' is unknown"]),
        (["train", "--remote-workers", "1", "--cluster", "{ROOT}/cluster-redis-down.json"], ["the learner could not join cluster 'hyperrl'", "Redis membership at 127.0.0.1:1"]),
        (["worker", "--cluster", "{ROOT}/cluster-membership.json"], ["membership 'etcd' is unknown"]),
        (["worker", "--cluster", "nowhere"], ["'nowhere' is neither 'localhost' nor an existing cluster file"]),
        (["worker", "--port", "70000"], ["--port 70000"]),
        (["train", "--checkpoint-every", "x"], ["--checkpoint-every expects an integer"]),
        (["train", "--resume", "{ROOT}/missing"], ["missing", "does not exist"]),
        (["train", "--resume", "{RUN}", "--env", "Pendulum-v1"], ["--resume", "--env cannot change it"]),
        (["train", "--resume", "{RUN}", "--seed", "3"], ["--seed cannot change it"]),
        (["train", "--resume", "{RUN}", "--preset", "default"], ["--preset cannot change it"]),
        (["train", "--resume", "{RUN}", "--no-tensorboard"], ["--no-tensorboard cannot change it"]),
        (["train", "--resume", "{RUN}"], ["already has 512 steps"]),
        (["trian"], ["Unrecognized", "'trian'", "train"]),
        (["eval", "{RUN}", "--episodes", "0"], ["--episodes"]),
        (["eval", "{RUN}", "--grid", "pole_length=0.2:9:3"], ["pole_length", "outside"]),
        (["eval", "{RUN}", "--grid", "pole_lenght=0.2:1:3"], ["pole_lenght"]),
        (["eval", "{RUN}", "--grid", "pole_length=0.2:1:3", "--grid", "pole_length=0.3:1:3"], ["twice"]),
        (["eval", "{RUN}", "--descriptor", "pole_length=0.5", "--grid", "pole_length=0.2:1:3"], ["both swept", "fixed"]),
        (["eval", "{ROOT}/missing"], ["missing", "does not exist"]),
        (["plot", "{RUN}", "--metric", "elbo"], ["elbo", "entropy"]),
        (["plot", "{RUN}", "--x", "minutes"], ["'minutes'", "'steps'"]),
        (["plot", "{RUN}", "--size", "big"], ["WIDTHxHEIGHT"]),
        (["plot", "{RUN}", "--smooth", "0"], ["--smooth"]),
        (["render", "{RUN}", "--frame-skip", "0"], ["--frame-skip"]),
        (["render", "{RUN}", "--size", "8x8"], ["each side"]),
        (["summary", "{RUN}", "--metric", "rss_mb", "--every", "0"], ["--every"]),
        (["export", "{RUN}", "--format", "tflite"], ["--format", "'tflite'", "onnx"]),
        (["export", "{RUN}", "--descriptor", "pole_lenght=0.5"], ["pole_lenght", "pole_length"]),
        (["export", "{RUN}", "--descriptor", "pole_length=9"], ["pole_length", "outside"]),
        (["export", "{RUN}", "--descriptor", "pole_length"], ["--descriptor", "NAME=VALUE"]),
        (["export", "{RUN}", "--with-hypernetwork", "--descriptor", "pole_length=0.5"], ["--with-hypernetwork", "--descriptor"]),
        (["export", "{ROOT}/no-policy"], ["no-policy", "no policy.hrlp"]),
        (["export", "{ROOT}/missing"], ["missing", "does not exist"]),
        (["export", "{RUN}", "--out", "{ROOT}/missing/policy.onnx"], ["--out", "does not exist"]),
        (["random", "--episodes", "0"], ["--episodes"]),
        (["random", "--env", "Nope-v0"], ["Nope-v0"]),
        (["bench", "envs", "--seconds", "0"], ["--seconds"]),
        (["bench", "train", "--steps", "0"], ["--steps"]),
        (["bench", "train", "--env", "Nope-v0"], ["Nope-v0"]),
        (["train", "--backend", "jit"], ["jit", "auto", "fused"]),
        (["train", "--policy", "film", "--backend", "fused"], ["backend 'fused'", "film conditioning", "auto or torch"]),
        (["train", "--algo", "sac", "--env", "Pendulum-v1", "--backend", "fused"], ["backend 'fused'", "sac"]),
        (["train", "--algo", "dqn", "--preset", "rainbow", "--backend", "fused"], ["backend 'fused'", "distributional Q head"]),
        (["bench", "train", "--algo", "sac"], ["sac"]),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        Table.Select(c => new TestCaseData(c.Args, c.Words).SetName("bad input: " + string.Join(" ", c.Args)));

    [Test]
    public void TheTableHoldsAtLeastFortyCases() => Assert.That(Table, Has.Length.GreaterThanOrEqualTo(40));

    [TestCaseSource(nameof(Cases))]
    public void IsOneLineNamingTheProblemAndChangesNothing(string[] args, string[] words)
    {
        var argv = args.Select(a => a.Replace("{RUN}", _run).Replace("{ROOT}", _root)).ToList();
        if (argv[0] == "train" && !argv.Contains("--resume")) argv.AddRange(["--name", Fresh, "--out", _root, "--quiet"]);
        string before = Fingerprint(_run);

        var result = CliRunner.Run([.. argv]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output + result.Error);
        string error = result.Error.Trim();
        Assert.That(error.Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("error: "));
        Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("System.").And.Not.Contain("`1"), "no stack trace or .NET type name");
        foreach (string word in words) Assert.That(error, Does.Contain(word));
        Assert.That(Directory.Exists(Path.Combine(_root, Fresh)), Is.False, "no run directory for rejected input");
        Assert.That(Fingerprint(_run), Is.EqualTo(before), "the existing run is unchanged");
    }

    private static string Fingerprint(string directory) =>
        string.Join("\n", Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(directory, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
