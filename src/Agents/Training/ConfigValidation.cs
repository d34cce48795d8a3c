using HyperRL.Agents.Config;
using HyperRL.Envs.Registry;

namespace HyperRL.Agents.Training;

/// <summary>Semantic checks of a <see cref="TrainConfig"/> with messages that name the key.</summary>
public static class ConfigValidation
{
    public static void Check(TrainConfig c)
    {
        if (!EnvRegistry.Contains(c.Env)) throw new ConfigException($"unknown env '{c.Env}'; known: {string.Join(", ", EnvRegistry.Ids)}");
        if (!Presets.Presets.Algorithms.Contains(c.Algo)) throw new ConfigException($"unknown algo '{c.Algo}'; allowed: {string.Join(", ", Presets.Presets.Algorithms)}");
        Positive(c.TotalSteps, "totalSteps");
        Positive(c.NumEnvs, "numEnvs");
        Positive(c.Workers, "workers");
        Positive(c.TorchThreads, "torchThreads");
        Positive(c.EvalEpisodes, "evalEpisodes");
        if (c.EvalEvery < 0) throw new ConfigException("evalEvery must be >= 0 (0 disables periodic evaluation)");
        if (c.CheckpointEvery < 0) throw new ConfigException("checkpointEvery must be >= 0");
        if (c.Workers > c.NumEnvs) throw new ConfigException($"workers ({c.Workers}) cannot exceed numEnvs ({c.NumEnvs})");
        if (c.Algo == "ppo")
        {
            var p = c.Ppo;
            Positive(p.NumSteps, "ppo.numSteps");
            Positive(p.MinibatchSize, "ppo.minibatchSize");
            Positive(p.UpdateEpochs, "ppo.updateEpochs");
            Fraction(p.Gamma, "ppo.gamma");
            Fraction(p.GaeLambda, "ppo.gaeLambda");
            if (!(p.LearningRate > 0)) throw new ConfigException("ppo.learningRate must be positive");
            if (p.MinibatchSize > p.NumSteps * c.NumEnvs)
                throw new ConfigException($"ppo.minibatchSize ({p.MinibatchSize}) exceeds the rollout size numSteps x numEnvs = {p.NumSteps * c.NumEnvs}");
        }
        else
        {
            var d = c.Dqn;
            Positive(d.BufferSize, "dqn.bufferSize");
            Positive(d.BatchSize, "dqn.batchSize");
            Positive(d.TrainFrequency, "dqn.trainFrequency");
            Positive(d.GradientSteps, "dqn.gradientSteps");
            Positive(d.TargetUpdateInterval, "dqn.targetUpdateInterval");
            Fraction(d.Gamma, "dqn.gamma");
            if (!(d.Tau is > 0 and <= 1)) throw new ConfigException("dqn.tau must be in (0, 1]");
            if (!(d.LearningRate > 0)) throw new ConfigException("dqn.learningRate must be positive");
            if (d.LearningStarts < 0) throw new ConfigException("dqn.learningStarts must be >= 0");
        }
    }

    private static void Positive(long value, string key)
    {
        if (value <= 0) throw new ConfigException($"{key} must be positive, got {value}");
    }

    private static void Fraction(double value, string key)
    {
        if (!(value is >= 0 and <= 1)) throw new ConfigException($"{key} must be in [0, 1], got {value}");
    }
}
