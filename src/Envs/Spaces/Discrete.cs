using HyperRL.Envs.Util;

namespace HyperRL.Envs.Spaces;

/// <summary>The integers {0, ..., N-1}.</summary>
public sealed record Discrete : Space
{
    public Discrete(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Discrete space needs at least one element.");
        N = n;
    }

    public int N { get; }

    public override int FlatSize => 1;

    public bool Contains(int value) => (uint)value < (uint)N;

    public int Sample(Rng rng) => rng.NextInt(N);

    public override string ToString() => $"Discrete({N})";
}
