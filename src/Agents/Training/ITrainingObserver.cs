using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Agents.Training;

/// <summary>What an algorithm reports while it learns; the trainer turns it into CSV rows, evaluations and checkpoints.</summary>
public interface ITrainingObserver
{
    void OnEpisode(long step, EpisodeRecord episode);

    /// <summary>Called after each update (PPO) or logging interval (off-policy algorithms) with the algorithm's diagnostics.</summary>
    void OnUpdate(UpdateMetrics metrics);
}
