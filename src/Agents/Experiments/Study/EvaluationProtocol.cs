using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// Kirk et al.'s zero-shot generalization protocol over one or two context features, following CARL's
/// evaluation_protocol.py: a train distribution per mode and the evaluation sets that are new to it in a known way
/// (new combinations of seen values, or values beyond those seen).
/// </summary>
public sealed class EvaluationProtocol
{
    public EvaluationProtocol(IReadOnlyList<ContextFeature> features, ProtocolMode mode)
    {
        ArgumentNullException.ThrowIfNull(features);
        // CARL's regions are defined for at most two features; more would need a new definition of "single extrapolation".
        if (features.Count is < 1 or > 2)
            throw new ArgumentException($"the evaluation protocol takes 1 or 2 context features, not {features.Count}.", nameof(features));
        if (features.Any(f => f is null)) throw new ArgumentException("a context feature of the evaluation protocol is null.", nameof(features));
        if (features.Count == 2 && features[0].Name == features[1].Name)
            throw new ArgumentException($"the evaluation protocol varies feature '{features[0].Name}' twice.", nameof(features));
        if (!Enum.IsDefined(mode)) throw new ArgumentException($"protocol mode {(int)mode} is not A, B or C.", nameof(mode));
        // B and C differ from A only in how two features combine; with one feature they would silently be A.
        if (features.Count == 1 && mode != ProtocolMode.A)
            throw new ArgumentException($"protocol mode {mode} needs two context features; with one ('{features[0].Name}') only mode A applies.", nameof(mode));
        Features = features.ToArray();
        Mode = mode;
        TrainBoxes = BuildTrainBoxes();
        Splits = StudySplits.All.Where(Evaluates).ToArray();
    }

    public IReadOnlyList<ContextFeature> Features { get; }
    public ProtocolMode Mode { get; }
    public IReadOnlyList<ContextBox> TrainBoxes { get; }
    public IReadOnlyList<string> Splits { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, double>> Points(string split, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (count < 0) throw new ArgumentException($"cannot draw {count} points of split '{split}'.", nameof(count));
        int splitIndex = StudySplits.All.ToList().IndexOf(split);
        if (splitIndex < 0 || !Splits.Contains(split))
            throw new ArgumentException($"split '{split}' is not one of mode {Mode}'s splits ({string.Join(", ", Splits)}).", nameof(split));
        // Salting by the split's fixed index keeps each split's points independent of which other splits were drawn.
        var rng = new Rng(Rng.Derive(unchecked((ulong)(long)seed), (ulong)splitIndex));
        var points = new IReadOnlyDictionary<string, double>[count];
        for (int i = 0; i < count; i++) points[i] = Sample(BoxFor(split, i, rng), rng);
        return points;
    }

    private bool Evaluates(string split) => split switch
    {
        StudySplits.CombinatorialInterpolation => Mode != ProtocolMode.A,
        StudySplits.SingleExtrapolation => Features.Count == 2,
        _ => true,
    };

    private ContextBox[] BuildTrainBoxes()
    {
        if (Mode == ProtocolMode.A) return [Box(f => f.TrainRange)];
        // B and C: one box per feature, that feature restricted (B: near lower; C: pinned at lower), the other free over [lower, mid].
        return Enumerable.Range(0, Features.Count).Select(restricted => Box((f, j) => j != restricted ? f.TrainRange
            : Mode == ProtocolMode.B ? f.ConstraintRange : new ParameterRange(f.Lower, f.Lower))).ToArray();
    }

    private ContextBox BoxFor(string split, int index, Rng rng) => split switch
    {
        StudySplits.Interpolation => TrainBoxes[TrainBoxes.Count == 1 ? 0 : rng.NextInt(TrainBoxes.Count)],
        StudySplits.CombinatorialInterpolation => Box(f => Mode == ProtocolMode.B ? f.InnerRange : f.TrainRange),
        // Alternating (rather than CARL's first half / second half) keeps both orientations balanced for any prefix of the points.
        StudySplits.SingleExtrapolation => Box((f, j) => j == index % Features.Count ? f.ExtrapolationRange : f.TrainRange),
        StudySplits.AllExtrapolation => Box(f => f.ExtrapolationRange),
        _ => throw new ArgumentException($"unknown split '{split}'.", nameof(split)),
    };

    private ContextBox Box(Func<ContextFeature, ParameterRange> range) => Box((f, _) => range(f));

    private ContextBox Box(Func<ContextFeature, int, ParameterRange> range)
    {
        var ranges = new Dictionary<string, ParameterRange>();
        for (int j = 0; j < Features.Count; j++) ranges[Features[j].Name] = range(Features[j], j);
        return new ContextBox(ranges);
    }

    private Dictionary<string, double> Sample(ContextBox box, Rng rng)
    {
        var point = new Dictionary<string, double>();
        // Features' order, not the dictionary's, fixes the draw order so a seed means the same points everywhere.
        foreach (var feature in Features)
        {
            var range = box.Ranges[feature.Name];
            point[feature.Name] = range.Low == range.High ? range.Low : rng.Uniform(range.Low, range.High);
        }
        return point;
    }
}
