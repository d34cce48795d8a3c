using HyperRL.Agents.Environments;
using HyperRL.Agents.Runs;
using Newtonsoft.Json;

namespace HyperRL.Agents.Training;

/// <summary>The counters and statistics a checkpoint holds besides the algorithm's networks and optimizers (trainer.json).</summary>
/// <param name="RecentReturns">The last episodes' returns, so a resumed run's recent mean continues (absent in older checkpoints).</param>
/// <param name="EnvId">The env the checkpoint was trained in (absent in older checkpoints).</param>
/// <param name="StateFormat">Set when the checkpoint holds the state files of exact resume (generators, counters, env
/// state, replay); absent in checkpoints from before, which resume as they always did (new episodes, fresh generators).</param>
/// <param name="EnvState">Whether envs.bin holds the envs' state; false for envs that cannot save it (LunarLander).</param>
/// <param name="NotExact">What this checkpoint leaves out, in words; empty when a resume continues exactly.</param>
public sealed record TrainerState(long GlobalStep, int Updates, int Episodes, double Seconds, NormalizationState? Normalization,
    double[]? RecentReturns = null, string? EnvId = null, int? StateFormat = null, bool EnvState = false, string[]? NotExact = null)
{
    /// <summary>The <see cref="StateFormat"/> this build writes and reads.</summary>
    public const int CurrentStateFormat = 1;

    /// <summary>The run's checkpoint/trainer.json (which must exist).</summary>
    public static TrainerState Read(RunLayout layout)
    {
        try
        {
            return JsonConvert.DeserializeObject<TrainerState>(File.ReadAllText(layout.CheckpointTrainer))
                   ?? throw new InvalidOperationException("empty trainer state");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"checkpoint of '{layout.Directory}' is corrupt (trainer.json: {e.Message})");
        }
    }
}
