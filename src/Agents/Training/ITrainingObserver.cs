using HyperRL.Envs.Vector;

namespace HyperRL.Agents.Training;

/// <summary>What an algorithm reports while it learns; the trainer turns it into CSV rows, evals and checkpoints.</summary>
public interface ITrainingObserver
{
    void OnEpisode(long step, EpisodeRecord episode);

    /// <summary>Called after each update with the algorithm's diagnostics; return false to stop training.</summary>
    bool OnUpdate(UpdateMetrics metrics);
}
