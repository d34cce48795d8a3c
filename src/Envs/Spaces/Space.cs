namespace HyperRL.Envs.Spaces;

/// <summary>The set of valid observations or actions of an environment (Gymnasium's <c>Space</c>).</summary>
public abstract record Space
{
    /// <summary>Number of floats one element occupies in a flat batch (1 for a discrete action).</summary>
    public abstract int FlatSize { get; }
}
