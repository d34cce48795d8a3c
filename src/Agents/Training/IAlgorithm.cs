namespace HyperRL.Agents.Training;

/// <summary>A learning algorithm bound to its env, networks and optimizer (PPO, DQN).</summary>
public interface IAlgorithm : IDisposable
{
    /// <summary>Env steps taken so far, summed over envs.</summary>
    long GlobalStep { get; }

    int Updates { get; }

    /// <summary>Learns until <see cref="GlobalStep"/> reaches <paramref name="totalSteps"/> or the observer says stop.</summary>
    void Learn(long totalSteps, ITrainingObserver observer, CancellationToken cancellation);

    /// <summary>Greedy action(s) for evaluation: obs [B, obs], desc [B, d] as flat arrays.</summary>
    IPolicyRunner CreatePolicyRunner();

    void SaveState(string directory);

    void LoadState(string directory);
}
