namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// PPO's on-policy storage: T steps x N envs, row-major [t * N + i], in preallocated arrays that become tensors
/// once per update. Descriptors are stored per step, so envs whose parameters change per episode train correctly.
/// </summary>
public sealed class RolloutBuffer
{
    public RolloutBuffer(int numSteps, int numEnvs, int observationSize, int descriptorSize, int actionSize, bool discrete)
    {
        NumSteps = numSteps;
        NumEnvs = numEnvs;
        ObservationSize = observationSize;
        DescriptorSize = descriptorSize;
        ActionSize = actionSize;
        int size = numSteps * numEnvs;
        Observations = new float[size * observationSize];
        Descriptors = new float[size * descriptorSize];
        DiscreteActions = discrete ? new long[size] : Array.Empty<long>();
        ContinuousActions = discrete ? Array.Empty<float>() : new float[size * actionSize];
        LogProbs = new float[size];
        Values = new float[size];
        Rewards = new float[size];
        Dones = new bool[size];
        Advantages = new float[size];
        Returns = new float[size];
    }

    public int NumSteps { get; }
    public int NumEnvs { get; }
    public int ObservationSize { get; }
    public int DescriptorSize { get; }
    public int ActionSize { get; }
    public int Size => NumSteps * NumEnvs;

    public float[] Observations { get; }
    public float[] Descriptors { get; }
    public long[] DiscreteActions { get; }
    public float[] ContinuousActions { get; }
    public float[] LogProbs { get; }
    public float[] Values { get; }
    public float[] Rewards { get; }
    public bool[] Dones { get; }
    public float[] Advantages { get; }
    public float[] Returns { get; }

    public Span<float> ObservationsAt(int t) => Observations.AsSpan(t * NumEnvs * ObservationSize, NumEnvs * ObservationSize);
    public Span<float> DescriptorsAt(int t) => Descriptors.AsSpan(t * NumEnvs * DescriptorSize, NumEnvs * DescriptorSize);
    public Span<float> RowAt(float[] perStep, int t) => perStep.AsSpan(t * NumEnvs, NumEnvs);
}
