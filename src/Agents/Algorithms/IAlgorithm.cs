using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms;

/// <summary>
/// A learning algorithm bound to its envs, networks and optimizers for one run: the trainer drives it and saves
/// what it exposes; everything specific to the algorithm stays behind this interface.
/// </summary>
public interface IAlgorithm : IDisposable
{
    /// <summary>Env steps taken so far, summed over envs.</summary>
    long GlobalStep { get; }

    /// <summary>Updates so far (PPO iterations, DQN and SAC gradient steps).</summary>
    int Updates { get; }

    /// <summary>The network that acts: saved as the run's policy file and evaluated.</summary>
    PolicyModel Policy { get; }

    /// <summary>Learns until <see cref="GlobalStep"/> reaches <paramref name="totalSteps"/> or cancellation.</summary>
    void Learn(long totalSteps, ITrainingObserver observer, CancellationToken cancellation);

    /// <summary>Writes every network (targets included) and optimizer state into a checkpoint directory, and everything
    /// else the next step depends on (generators, counters, replay), so a resumed run continues exactly.</summary>
    void SaveState(string directory);

    /// <summary>Loads what <see cref="SaveState"/> wrote and continues the counters of the checkpoint.
    /// <paramref name="exact"/> false: a checkpoint from before exact resume, with networks and optimizers only.</summary>
    void LoadState(string directory, long globalStep, int updates, bool exact);

    /// <summary>What <see cref="SaveState"/> leaves out by the run's config, in words for the resume line ("the replay
    /// buffer ..."); empty when a resume continues exactly.</summary>
    IReadOnlyList<string> StateLeftOut => [];

    /// <summary>The backend its gradient steps take (see <see cref="TrainingBackends"/>).</summary>
    string Backend => TrainingBackends.Torch;
}
