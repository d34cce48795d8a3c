namespace HyperRL.Cli.Rendering;

/// <summary>Which states of an episode become frames: the reset state (step 0), every K-th step, and always the
/// final state so the ending is visible.</summary>
public static class FrameSchedule
{
    public static int[] Steps(int episodeLength, int frameSkip)
    {
        if (frameSkip < 1) throw new ArgumentException("--frame-skip must be at least 1");
        var steps = new List<int>();
        for (int step = 0; step <= episodeLength; step += frameSkip) steps.Add(step);
        if (steps[^1] != episodeLength) steps.Add(episodeLength);
        return steps.ToArray();
    }

    /// <summary>Up to <paramref name="count"/> of <paramref name="steps"/>, evenly spaced, first and last included.</summary>
    public static int[] EvenlySpaced(IReadOnlyList<int> steps, int count)
    {
        if (count < 1) throw new ArgumentException("Pick at least one frame.", nameof(count));
        if (steps.Count <= count) return steps.ToArray();
        if (count == 1) return new[] { steps[^1] };
        var picked = new int[count];
        for (int i = 0; i < count; i++) picked[i] = steps[(int)Math.Round((double)i * (steps.Count - 1) / (count - 1))];
        return picked;
    }
}
