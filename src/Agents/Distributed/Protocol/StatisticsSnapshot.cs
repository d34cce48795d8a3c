using HyperRL.Envs.Util;

namespace HyperRL.Agents.Distributed.Protocol;

/// <summary>Running mean/variance statistics on the wire (a <see cref="RunningMeanStdState"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record StatisticsSnapshot([property: Id(0)] double[] Mean, [property: Id(1)] double[] Var, [property: Id(2)] double Count)
{
    public static StatisticsSnapshot? From(RunningMeanStdState? state) => state is null ? null : new(state.Mean, state.Var, state.Count);

    public RunningMeanStdState ToState() => new(Mean, Var, Count);

    public long Bytes => 8L * (Mean.Length + Var.Length + 1);
}
