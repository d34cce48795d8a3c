using System.Globalization;

namespace HyperRL.HyperPolicy;

/// <summary>
/// The architectures of an <see cref="ArchitectureSpec"/>, enumerated in a fixed order (by depth, then widths
/// lexicographically), with the encoding the hypernetwork reads and HyperPPO's sampling rule. The largest network
/// (<see cref="MaxDepth"/> hidden layers of <see cref="MaxWidth"/> units) is the one generated; every architecture is
/// its leading slices (see <see cref="ArchitectureSlices"/>).
/// </summary>
public sealed class ArchitectureSpace
{
    /// <summary>Most architectures a space may enumerate (HyperPPO's largest, 7 widths over depths 1-4, has 2,800).</summary>
    public const int MaxArchitectures = 100_000;

    /// <summary>Deepest architecture a space may hold.</summary>
    public const int MaxDepthAllowed = 8;

    private readonly int[][] architectures;
    private readonly Dictionary<string, int> indexOf = [];
    private readonly int[][] indicesByDepth;

    private ArchitectureSpace(int[][] architectures, ArchitectureCriticKind critic)
    {
        this.architectures = architectures;
        Critic = critic;
        MaxDepth = architectures.Max(hidden => hidden.Length);
        MaxWidth = architectures.Max(hidden => hidden.Max());
        for (var i = 0; i < architectures.Length; i++) indexOf[Format(architectures[i])] = i;
        indicesByDepth = architectures.Select((hidden, index) => (hidden.Length, index)).GroupBy(entry => entry.Length)
            .OrderBy(group => group.Key).Select(group => group.Select(entry => entry.index).ToArray()).ToArray();
    }

    public int Count => architectures.Length;

    public int MaxDepth { get; }

    public int MaxWidth { get; }

    public ArchitectureCriticKind Critic { get; }

    /// <summary>Hidden sizes of the largest network, the one the hypernetwork generates.</summary>
    public int[] Largest => Enumerable.Repeat(MaxWidth, MaxDepth).ToArray();

    /// <summary>Length of <see cref="Encode"/>: one value per hidden-layer slot.</summary>
    public int EncodingSize => MaxDepth;

    public IReadOnlyList<int> this[int index] => architectures[index];

    /// <summary>The architecture with the most parameters (ties: the later one): what acting uses unless told otherwise.</summary>
    public int DefaultIndex(int inputSize, int outputSize)
    {
        var best = 0;
        for (var i = 1; i < architectures.Length; i++)
            if (ParameterCount(architectures[i], inputSize, outputSize) >= ParameterCount(architectures[best], inputSize, outputSize)) best = i;
        return best;
    }

    /// <summary>Checks the spec's lists (one-line <see cref="PolicySpecException"/>) and enumerates its architectures.</summary>
    public static ArchitectureSpace From(ArchitectureSpec spec)
    {
        var hasGrid = spec.Depths.Count > 0 || spec.Widths.Count > 0;
        if (hasGrid && spec.List.Count > 0)
            throw new PolicySpecException("'architectures' takes either 'depths' and 'widths' or 'list', not both");
        int[][] all;
        if (spec.List.Count > 0)
        {
            foreach (var hidden in spec.List)
            {
                if (hidden.Count == 0) throw new PolicySpecException("'architectures.list' holds an empty architecture; every one needs at least one hidden layer");
                CheckDepth(hidden.Count, "'architectures.list'");
            }
            all = spec.List.Select(hidden => hidden.ToArray()).Distinct(new SequenceComparer()).ToArray();
        }
        else
        {
            if (spec.Depths.Count == 0 || spec.Widths.Count == 0)
                throw new PolicySpecException("'architectures' needs both 'depths' (e.g. [1, 2]) and 'widths' (e.g. [4, 8, 16, 32, 64]), or a 'list' of hidden-layer lists");
            var widths = spec.Widths.Distinct().Order().ToArray();
            var depths = spec.Depths.Distinct().Order().ToArray();
            foreach (var depth in depths) CheckDepth(depth, "'architectures.depths'");
            var count = depths.Sum(depth => Math.Pow(widths.Length, depth));
            if (count > MaxArchitectures)
                throw new PolicySpecException($"'architectures' spans {count:N0} architectures (widths^depth summed over depths), more than {MaxArchitectures:N0}; use fewer widths or depths, or a 'list'");
            all = depths.SelectMany(depth => Combinations(widths, depth)).ToArray();
        }
        foreach (var width in all.SelectMany(hidden => hidden))
            if (width > PolicySpecValidator.MaxHiddenWidth)
                throw new PolicySpecException($"'architectures' asks for a hidden layer of {width:N0} units, wider than {PolicySpecValidator.MaxHiddenWidth:N0}");
        var ordered = all.OrderBy(hidden => hidden.Length).ThenBy(hidden => hidden, new SequenceComparer()).ToArray();
        return new ArchitectureSpace(ordered, spec.Critic);
    }

    /// <summary>Index of <paramref name="hidden"/>; -1 when the space does not hold it.</summary>
    public int IndexOf(IReadOnlyList<int> hidden) => indexOf.TryGetValue(Format(hidden), out var index) ? index : -1;

    /// <summary>
    /// The encoding the hypernetwork reads next to the descriptor, one value in [-1, 1] per hidden-layer slot:
    /// 2 (1 + log2 w) / (1 + log2 MaxWidth) - 1 for a layer of w units, -1 for a slot past the depth. Log widths, as
    /// the sizes span orders of magnitude; distinct architectures get distinct encodings.
    /// </summary>
    public float[] Encode(int index)
    {
        var hidden = architectures[index];
        var encoding = new float[EncodingSize];
        var top = 1 + Math.Log2(MaxWidth);
        for (var slot = 0; slot < EncodingSize; slot++)
            encoding[slot] = slot < hidden.Length ? (float)(2 * (1 + Math.Log2(hidden[slot])) / top - 1) : -1f;
        return encoding;
    }

    /// <summary>HyperPPO's rule: a depth uniformly among the space's depths, then uniformly among its architectures of
    /// that depth (for depths x widths: every layer's width uniformly and independently).</summary>
    public int Sample(Random rng)
    {
        var ofDepth = indicesByDepth[rng.Next(indicesByDepth.Length)];
        return ofDepth[rng.Next(ofDepth.Length)];
    }

    /// <summary>Parameters of the plain MLP inputSize -> hidden -> outputSize.</summary>
    public static long ParameterCount(IReadOnlyList<int> hidden, int inputSize, int outputSize)
    {
        long count = 0, previous = inputSize;
        foreach (var width in hidden.Append(outputSize))
        {
            count += previous * width + width;
            previous = width;
        }
        return count;
    }

    /// <summary>"16x16": no comma, so it is one CSV field as it is.</summary>
    public static string Format(IReadOnlyList<int> hidden) => string.Join("x", hidden.Select(w => w.ToString(CultureInfo.InvariantCulture)));

    /// <summary>"16,16" or "16x16" -> [16, 16]; null when it is not a list of positive integers.</summary>
    public static int[]? Parse(string text)
    {
        var parts = text.Split([',', 'x'], StringSplitOptions.TrimEntries);
        var hidden = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out hidden[i]) || hidden[i] < 1) return null;
        return hidden.Length > 0 ? hidden : null;
    }

    private static void CheckDepth(int depth, string where)
    {
        if (depth > MaxDepthAllowed) throw new PolicySpecException($"{where} asks for depth {depth}; at most {MaxDepthAllowed} hidden layers");
    }

    private static IEnumerable<int[]> Combinations(int[] widths, int depth)
    {
        if (depth == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Combinations(widths, depth - 1))
            foreach (var width in widths)
                yield return [.. rest, width];
    }

    private sealed class SequenceComparer : IEqualityComparer<int[]>, IComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x!.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj) => Format(obj).GetHashCode(StringComparison.Ordinal);

        public int Compare(int[]? x, int[]? y) => x!.AsSpan().SequenceCompareTo(y);
    }
}
