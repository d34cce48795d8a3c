using System.Buffers.Binary;
using HyperRL.Agents.Runs;
using HyperRL.Envs.ClassicControl;

namespace HyperRL.Cli.Tests;

/// <summary>A tiny end-to-end train -> eval -> plot in a temp dir.</summary>
public sealed class EvalAndPlotTests
{
    private static string _root = "";
    private static string _runA = "";
    private static string _runB = "";

    [OneTimeSetUp]
    public static void TrainTwoTinyRuns()
    {
        _root = Directory.CreateTempSubdirectory("hyperrl-plot-").FullName;
        foreach (string policy in new[] { "hyper", "concat" })
        {
            var result = CliRunner.Run("train", "--steps", "768", "--policy", policy, "--seeds", "1,2", "--name", policy, "--out", _root, "--quiet",
                "--config", WriteConfig(new { evalEvery = 256, evalEpisodes = 2 }));
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        }
        _runA = Path.Combine(_root, "hyper-s1");
        _runB = Path.Combine(_root, "concat-s1");
    }

    [OneTimeTearDown]
    public static void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private static string WriteConfig(object config)
    {
        string path = Path.Combine(_root, "config-override.json");
        File.WriteAllText(path, Newtonsoft.Json.JsonConvert.SerializeObject(config));
        return path;
    }

    [Test]
    public void PlotWritesAPngOfTheRequestedSizeWithOneLinePerGroup()
    {
        string png = Path.Combine(_root, "curves.png");
        var result = CliRunner.Run("plot", _root, "--out", png, "--size", "640x400");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("hyper: 2 run(s)").And.Contain("concat: 2 run(s)"));
        AssertPng(png, 640, 400);
    }

    [Test]
    public void PlotAnyMetricsColumnAgainstSeconds()
    {
        string png = Path.Combine(_root, "entropy.png");
        var result = CliRunner.Run("plot", _runA, _runB, "--metric", "entropy", "--x", "seconds", "--smooth", "3", "--band", "std", "--out", png);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        AssertPng(png, 900, 550);
    }

    [Test]
    public void PlotErrorsNameTheProblem()
    {
        var unknownMetric = CliRunner.Run("plot", _runA, "--metric", "elbo", "--out", Path.Combine(_root, "x.png"));
        Assert.That(unknownMetric.ExitCode, Is.Not.EqualTo(0));
        Assert.That(unknownMetric.Error, Does.Contain("elbo").And.Contain("entropy"));
        var missing = CliRunner.Run("plot", Path.Combine(_root, "nope"), "--out", Path.Combine(_root, "x.png"));
        Assert.That(missing.Error, Does.Contain("nope").And.Contain("does not exist"));
        var badSize = CliRunner.Run("plot", _runA, "--size", "big", "--out", Path.Combine(_root, "x.png"));
        Assert.That(badSize.Error, Does.Contain("WIDTHxHEIGHT"));
        Assert.That(File.Exists(Path.Combine(_root, "x.png")), Is.False);
    }

    [Test]
    public void PlotDrawsAShorterSeedsMissingStretchAsPartialAndSaysSo()
    {
        string folder = Directory.CreateTempSubdirectory("hyperrl-partial-").FullName;
        try
        {
            CopyRun(_runA, Path.Combine(folder, "hyper-s1"));
            var shorter = CopyRun(Path.Combine(_root, "hyper-s2"), Path.Combine(folder, "hyper-s2"));
            RunLog.TruncateAfterStep(shorter, 512); // a seed still running: its last evaluation so far at step 512

            string png = Path.Combine(folder, "curves.png");
            var result = CliRunner.Run("plot", folder, "--out", png);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(result.Output, Does.Contain("hyper: 2 run(s), final eval_return").And.Contain("at step 512"),
                "the group's final mean is where both runs have data");
            Assert.That(result.Output, Does.Contain("hyper: partial from step 512 to step 768: only 1 of 2 runs have data there"));
            AssertPng(png, 900, 550);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void PlotSkipsRunsWithoutEvaluationsWithAWarningAndErrorsWhenNoneIsLeft()
    {
        string folder = Directory.CreateTempSubdirectory("hyperrl-pending-").FullName;
        try
        {
            CopyRun(_runA, Path.Combine(folder, "hyper-s1"));
            // One run whose training has not written eval.csv yet, one whose first evaluation has not finished.
            string notStarted = Path.Combine(folder, "hyper-s8");
            Directory.CreateDirectory(notStarted);
            File.Copy(new RunLayout(_runA).Config, new RunLayout(notStarted).Config);
            var noEvaluation = CopyRun(_runA, Path.Combine(folder, "hyper-s9"));
            RunLog.TruncateAfterStep(noEvaluation, -1);

            var result = CliRunner.Run("plot", folder, "--out", Path.Combine(folder, "curves.png"));
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            var warnings = result.Error.Trim().Split('\n');
            Assert.That(warnings, Has.Length.EqualTo(2), result.Error);
            Assert.That(warnings[0], Does.StartWith("warning: skipping run").And.Contain("hyper-s8").And.Contain("has no evaluation yet"));
            Assert.That(warnings[1], Does.StartWith("warning: skipping run").And.Contain("hyper-s9").And.Contain("has no evaluation yet"));
            Assert.That(result.Output, Does.Contain("hyper: 1 run(s)"));

            Directory.Delete(Path.Combine(folder, "hyper-s1"), recursive: true);
            var nothing = CliRunner.Run("plot", folder, "--out", Path.Combine(folder, "none.png"));
            Assert.That(nothing.ExitCode, Is.EqualTo(CliApp.UsageErrorExitCode));
            Assert.That(nothing.Error.Trim(), Is.EqualTo("error: nothing to plot: all 2 runs have no evaluation yet"));
            Assert.That(File.Exists(Path.Combine(folder, "none.png")), Is.False);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The files plot reads (config.json, eval.csv) of a run, copied to <paramref name="to"/>.</summary>
    private static RunLayout CopyRun(string from, string to)
    {
        var (source, copy) = (new RunLayout(from), new RunLayout(to));
        Directory.CreateDirectory(to);
        File.Copy(source.Config, copy.Config);
        File.Copy(source.Eval, copy.Eval);
        return copy;
    }

    [Test]
    public void EvalPrintsATableAndWritesJson()
    {
        string json = Path.Combine(_root, "eval.json");
        var result = CliRunner.Run("eval", _runA, "--episodes", "3", "--descriptor", "pole_length=0.9", "--json", json);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("pole_length=0.9"));
        var document = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(json));
        Assert.That(document["results"]![0]!["returns"]!.Count(), Is.EqualTo(3));
    }

    [Test]
    public void TheBestEvaluationsPolicyIsKeptAndUsable()
    {
        var score = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(_runA, "best", "score.json")));
        var trainEvals = RunReader.ReadEval(new RunLayout(_runA), CartPoleDescriptor.Spec).Where(e => e.Set == RunColumns.TrainSet)
            .Select(e => e.MeanReturn).ToList();
        Assert.That(trainEvals, Has.Count.GreaterThan(1));
        Assert.That((double)score["MeanReturn"]!, Is.EqualTo(trainEvals.Max()).Within(1e-6), "best/ holds the best training-descriptor evaluation");

        var result = CliRunner.Run("eval", _runA, "--best", "--episodes", "2");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("pole_length=0.5"));
    }

    [Test]
    public void EvalGridWritesAGeneralizationCurveAndAHeatmap()
    {
        string curve = Path.Combine(_root, "grid.png");
        var one = CliRunner.Run("eval", _runA, "--episodes", "2", "--grid", "pole_length=0.2:1.0:3", "--out", curve);
        Assert.That(one.ExitCode, Is.EqualTo(0), one.Error);
        Assert.That(one.Output.Split('\n').Count(l => l.Contains("pole_length=")), Is.EqualTo(3));
        AssertPng(curve, 900, 550);

        string heatmap = Path.Combine(_root, "heat.png");
        var two = CliRunner.Run("eval", _runA, "--episodes", "1", "--grid", "pole_length=0.2:1.0:2", "--grid", "force_mag=5:15:2", "--out", heatmap);
        Assert.That(two.ExitCode, Is.EqualTo(0), two.Error);
        AssertPng(heatmap, 900, 550);

        var typo = CliRunner.Run("eval", _runA, "--grid", "pole_lenght=0.2:1:3");
        Assert.That(typo.Error, Does.Contain("pole_lenght"));
        var badGrid = CliRunner.Run("eval", _runA, "--grid", "pole_length=1:0.2:3");
        Assert.That(badGrid.Error, Does.Contain("LOW:HIGH:COUNT"));
    }

    [Test]
    public void SummaryReportsEachRunAndTheFinalEvaluationsBySet()
    {
        var runs = CliRunner.Run("summary", _root, "--threshold", "5");
        Assert.That(runs.ExitCode, Is.EqualTo(0), runs.Error);
        var lines = runs.Output.Trim().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4), runs.Output);
        Assert.That(lines[0], Does.StartWith("concat-s1").And.Contain("first eval >= 5 at step 256").And.Contain("last eval at step 768: train"));

        var bySet = CliRunner.Run("summary", _root, "--by-set");
        Assert.That(bySet.ExitCode, Is.EqualTo(0), bySet.Error);
        Assert.That(bySet.Output, Does.Contain("hyper").And.Contain("concat").And.Contain("(2 runs)").And.Contain("pole_length=0.5"));
    }

    private static void AssertPng(string path, int width, int height)
    {
        Assert.That(File.Exists(path), Is.True, path);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), Is.EqualTo(width));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)), Is.EqualTo(height));
        Assert.That(bytes.Length, Is.GreaterThan(5000), "a real chart, not an empty image");
    }
}
