namespace HyperRL.Envs.Core;

/// <summary>
/// Classic-control envs expose their internal float64 state exactly as Gymnasium defines it
/// (<c>env.unwrapped.state</c>), for tests against reference trajectories and for planning.
/// </summary>
public interface IPhysicalState
{
    double[] GetState();

    /// <summary>Sets the state and makes the env steppable from it (episode step count restarts at 0).</summary>
    void SetState(ReadOnlySpan<double> state);
}
