namespace HyperRL.Agents.Training;

/// <summary>The seeds a run derives from its config seed, in one place.</summary>
public static class RunSeeds
{
    /// <summary>Seed of torch and of the envs' reset for a training segment: the config seed for a fresh run; for a
    /// segment resumed after <paramref name="updatesBefore"/> updates without saved env state (an old checkpoint, or
    /// an env that cannot save it), a seed of its own: such a resume starts new episodes, and they should not replay
    /// the first segment's. An exact resume restores the generators instead.</summary>
    public static int Segment(int seed, int? updatesBefore) =>
        updatesBefore is int updates ? unchecked(seed + 7919 * (updates + 1)) : seed;

    /// <summary>Seed of the first evaluation episode: fixed per run, so evaluations at different steps compare.</summary>
    public static int Evaluation(int seed) => unchecked(1_000_000 + seed);

    /// <summary>Seed of remote rollout worker <paramref name="index"/>'s env resets and generators: worker 0 takes the
    /// run's own (so one remote worker collects exactly what the in-process envs would), every other one a stream of
    /// its own, so workers never replay each other's episodes.</summary>
    public static int Worker(int seed, int index) => index == 0 ? seed : unchecked(seed + 104_729 * index + 17);
}
