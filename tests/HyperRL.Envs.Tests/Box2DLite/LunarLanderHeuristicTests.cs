using HyperRL.Envs.Box2DLite;

namespace HyperRL.Envs.Tests.Box2DLite;

public class LunarLanderHeuristicTests
{
    private const int Seeds = 20;

    [TestCase(false)]
    [TestCase(true)]
    public void HeuristicLandsWithMeanReturnAbove200(bool continuous)
    {
        var env = LunarLanderRollout.Make(continuous);
        double sum = 0;
        var lines = new List<string>();
        for (int seed = 0; seed < Seeds; seed++)
        {
            var episode = LunarLanderRollout.RunHeuristic(env, seed);
            sum += episode.Return;
            lines.Add($"seed {seed}: return {episode.Return:F1}, {episode.Steps} steps, last reward {episode.LastReward:F1}");
        }
        double mean = sum / Seeds;
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, lines));
        TestContext.Out.WriteLine($"{(continuous ? "continuous" : "discrete")} heuristic mean return over {Seeds} seeds: {mean:F1}");
        Assert.That(mean, Is.GreaterThan(LunarLanderConstants.RewardThreshold));
    }
}
