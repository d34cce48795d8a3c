using HyperRL.Agents.Config;
using HyperRL.Agents.Experiments.Study;
using HyperRL.HyperPolicy;
using HyperRL.Testing;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Tests.Experiments.Study;

/// <summary>A study's plan (one config per scheme and seed, the protocol's train distribution, every evaluation point)
/// and a tiny end-to-end study: every output file, and a rerun that skips what is done.</summary>
public sealed class StudyRunTests() : TempRootTest("hyperrl-study-")
{
    // Tiny budgets: the point is the plumbing, not the returns.
    private const string Tiny = """
        {"env": "CartPole-v1", "algo": "ppo", "steps": 1024, "seeds": [1, 2], "schemes": ["mlp", "hyper"],
         "features": {"pole_length": "0.3:0.4:0.7:1.0", "force_mag": "7:8:13:18"}, "protocol": "A",
         "episodes": 2, "pointsPerSplit": 2, "sweepPoints": 3, "normalize": true,
         "config": {"numEnvs": 4, "ppo": {"numSteps": 64}, "evalEvery": 512, "evalEpisodes": 2, "checkpointEvery": 0, "tensorboard": false}}
        """;

    [Test]
    public void ThePlanGivesEverySchemeTheSameConfigButItsPolicy()
    {
        var plan = StudyPlan.Create(StudySpec.Parse(Tiny, "s"), Path.Combine(Root, "study"));
        Assert.That(plan.Jobs.Select(j => j.Name), Is.EqualTo(new[] { "mlp-s1", "mlp-s2", "hyper-s1", "hyper-s2" }));
        var mlp = plan.Jobs[0].Config;
        var hyper = plan.Jobs[2].Config;
        Assert.That((mlp.Policy.Conditioning, hyper.Policy.Conditioning), Is.EqualTo((ConditioningKind.Mlp, ConditioningKind.Hyper)));
        Assert.That(mlp.Randomize, Is.EqualTo(new Dictionary<string, string> { ["pole_length"] = "0.3:0.7", ["force_mag"] = "7:13" }), "mode A trains on [lower, mid]^2");
        Assert.That((mlp.TotalSteps, mlp.NumEnvs, mlp.Seed, plan.Jobs[1].Config.Seed), Is.EqualTo((1024L, 4, 1, 2)));
        var a = ConfigReader.ToJObject(mlp);
        var b = ConfigReader.ToJObject(hyper);
        a.Remove("policy");
        b.Remove("policy");
        Assert.That(JToken.DeepEquals(a, b), Is.True, "outside the policy spec the configs are identical");
        Assert.That((mlp.Policy with { Conditioning = ConditioningKind.Hyper }).SameAs(hyper.Policy), Is.True, "the policies differ only in conditioning");
        Assert.That(plan.AggregatedSplits, Is.EqualTo(new[] { StudySplits.Interpolation, StudySplits.SingleExtrapolation, StudySplits.AllExtrapolation }));
        Assert.That(plan.Points.Count(p => p.Split == StudySplits.Interpolation), Is.EqualTo(2));
        var sweep = plan.Points.Where(p => p.Split == StudyPoint.SweepSplit("pole_length")).ToList();
        Assert.That(sweep.Select(p => p.Values["pole_length"]), Is.EqualTo(new[] { 0.3, 0.65, 1.0 }).Within(1e-12), "from lower to upper");
        Assert.That(sweep.Select(p => p.Values["force_mag"]).Distinct().Single(), Is.EqualTo(10.0), "the other feature at its train middle");
        Assert.That(plan.Normalization, Is.EqualTo(new StudyNormalization(null, 475.0)), "CartPole's solved threshold");
    }

    [Test]
    public void ModesBAndCTrainOnAUnionOfBoxes()
    {
        var b = StudyPlan.Create(StudySpec.Parse(Tiny.Replace("\"protocol\": \"A\"", "\"protocol\": \"B\""), "s"), Path.Combine(Root, "b")).Jobs[0].Config;
        Assert.That(b.Randomize, Is.Empty);
        Assert.That(b.RandomizeBoxes, Is.EqualTo(new[]
        {
            new Dictionary<string, string> { ["pole_length"] = "0.3:0.4", ["force_mag"] = "7:13" },
            new Dictionary<string, string> { ["pole_length"] = "0.3:0.7", ["force_mag"] = "7:8" },
        }), "the L shape");
        var cPlan = StudyPlan.Create(StudySpec.Parse(Tiny.Replace("\"protocol\": \"A\"", "\"protocol\": \"C\""), "s"), Path.Combine(Root, "c"));
        Assert.That(cPlan.Jobs[0].Config.RandomizeBoxes[0], Is.EqualTo(new Dictionary<string, string> { ["pole_length"] = "0.3", ["force_mag"] = "7:13" }), "an axis: pinned at lower");
        Assert.That(cPlan.AggregatedSplits, Does.Contain(StudySplits.CombinatorialInterpolation));
        Assert.That(cPlan.Points.Where(p => p.Split == StudyPoint.SweepSplit("pole_length")).Select(p => p.Values["force_mag"]).Distinct().Single(), Is.EqualTo(7.0),
            "mode C sweeps hold the other feature at lower, on the trained axis");
    }

    [Test]
    public void AFeatureOutsideTheEnvsRangeFailsBeforeAnythingIsWritten()
    {
        string directory = Path.Combine(Root, "study");
        string spec = WriteJson(Tiny.Replace("\"7:8:13:18\"", "\"7:8:13:99\""));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Studies.Prepare(spec, directory));
        Assert.That(error!.Message, Does.Contain("force_mag"));
        Assert.That(Directory.Exists(directory), Is.False);
    }

    [Test]
    public void ATinyStudyWritesEveryOutputAndARerunSkipsFinishedJobs()
    {
        string directory = Path.Combine(Root, "study");
        string spec = WriteJson(Tiny);
        var plan = Studies.Prepare(spec, directory);
        Assert.That(plan.Jobs.Select(j => StudyJobRunner.Run(plan, j)), Is.All.EqualTo(StudyJobOutcome.Trained));
        var analysis = Studies.Finish(plan);
        foreach (string file in new[] { plan.Layout.Results, plan.Layout.Summary, plan.Layout.Report, plan.Layout.Spec })
            Assert.That(new FileInfo(file).Length, Is.GreaterThan(0), file);

        var rows = StudyResultsFile.Read(plan.Layout.Results, plan.FeatureNames);
        int points = plan.Points.Count;
        Assert.That(rows.Count, Is.EqualTo(plan.Jobs.Count * points * 2 + points), "final and best per job and point, plus the random policy");
        Assert.That(rows.Where(r => r.Scheme == "random").Select(r => r.Score), Is.All.EqualTo(0.0).Within(1e-9), "normalized: random scores 0");
        var row = rows.First(r => r.Scheme == "hyper" && r.Policy == "final");
        double random = rows.Single(r => r.Scheme == "random" && r.Split == row.Split && r.Point == row.Point).Mean;
        Assert.That(row.Score, Is.EqualTo((row.Mean - random) / (475 - random)).Within(1e-12));

        var summary = JObject.Parse(File.ReadAllText(plan.Layout.Summary));
        var hyper = summary["splits"]!["all_extrapolation"]!["final"]!["schemes"]!["hyper"]!;
        var score = analysis.Score("final", StudySplits.AllExtrapolation, "hyper");
        Assert.That(((double)hyper["iqm"]!, (int)hyper["runs"]!, (int)hyper["points"]!), Is.EqualTo((score.Iqm, 2, 2)));
        Assert.That(score.Ci.Low, Is.LessThanOrEqualTo(score.Iqm).And.LessThanOrEqualTo(score.Ci.High));
        var improvement = analysis.ImprovementOf("final", StudySplits.Interpolation, "hyper", "mlp").Probability
                          + analysis.ImprovementOf("final", StudySplits.Interpolation, "mlp", "hyper").Probability;
        Assert.That(improvement, Is.EqualTo(1.0).Within(1e-12));
        string report = File.ReadAllText(plan.Layout.Report);
        foreach (string heading in new[] { "## interpolation", "## single_extrapolation", "## all_extrapolation", "## Sweep along pole_length", "P(row > column)" })
            Assert.That(report, Does.Contain(heading));

        // A rerun of the same spec: nothing is trained or evaluated again.
        var stamps = plan.Jobs.Select(j => File.GetLastWriteTimeUtc(j.EvalFile)).ToList();
        var again = Studies.Prepare(spec, directory);
        Assert.That(again.Jobs.Select(j => StudyJobRunner.Run(again, j)), Is.All.EqualTo(StudyJobOutcome.AlreadyDone));
        Assert.That(again.Jobs.Select(j => File.GetLastWriteTimeUtc(j.EvalFile)), Is.EqualTo(stamps));
        // A job whose evaluations were lost is evaluated again from its trained run, not retrained, to the same numbers.
        var lost = again.Jobs[3];
        var before = StudyResultsFile.Read(lost.EvalFile, plan.FeatureNames);
        File.Delete(lost.EvalFile);
        Assert.That(Studies.Pending(again).Single(), Is.EqualTo(lost));
        Assert.That(StudyJobRunner.Run(again, lost), Is.EqualTo(StudyJobOutcome.Evaluated));
        Assert.That(StudyResultsFile.Read(lost.EvalFile, plan.FeatureNames), Is.EqualTo(before).Using<StudyResultRow>(SameMeasurement));
    }

    [Test]
    public void AnotherSpecInTheSameDirectoryIsRefused()
    {
        string directory = Path.Combine(Root, "study");
        Studies.Prepare(WriteJson(Tiny), directory);
        var error = Assert.Throws<InvalidOperationException>(() => Studies.Prepare(WriteJson(Tiny.Replace("\"episodes\": 2", "\"episodes\": 3")), directory));
        Assert.That(error!.Message, Does.Contain("holds a study of another spec"));
    }

    [Test]
    public void MoreSeedsOrSchemesExtendAStudyButAChangedSchemeIsRefused()
    {
        string directory = Path.Combine(Root, "study");
        var plan = Studies.Prepare(WriteJson(Tiny.Replace("\"seeds\": [1, 2]", "\"seeds\": [1]")), directory);
        StudyJobRunner.Run(plan, plan.Job("mlp-s1"));
        var extended = Studies.Prepare(WriteJson(Tiny.Replace("\"seeds\": [1, 2]", "\"seeds\": [1, 3]")), directory);
        Assert.That(Studies.Pending(extended).Select(j => j.Name), Is.EqualTo(new[] { "mlp-s3", "hyper-s1", "hyper-s3" }));
        Assert.That(File.ReadAllText(extended.Layout.Spec), Does.Contain("3"), "study.json now holds the extended spec");
        string changed = Tiny.Replace("\"seeds\": [1, 2]", "\"seeds\": [1]").Replace("[\"mlp\", \"hyper\"]", "[{\"label\": \"mlp\", \"policy\": {\"conditioning\": \"film\"}}]");
        var error = Assert.Throws<InvalidOperationException>(() => Studies.Prepare(WriteJson(changed), directory));
        Assert.That(error!.Message, Does.Contain("'mlp-s1' was trained with another config"));
    }

    private static bool SameMeasurement(StudyResultRow a, StudyResultRow b) =>
        (a.Scheme, a.Seed, a.Split, a.Point, a.Policy, a.Mean, a.Std, a.Episodes) == (b.Scheme, b.Seed, b.Split, b.Point, b.Policy, b.Mean, b.Std, b.Episodes);
}
