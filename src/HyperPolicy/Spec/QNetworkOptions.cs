using Newtonsoft.Json.Linq;

namespace HyperRL.HyperPolicy;

/// <summary>What a Q network's output layer emits per action.</summary>
public enum QDistributionKind
{
    /// <summary>One expected value Q(s, a) (DQN).</summary>
    None,

    /// <summary>N quantiles of Z(s, a) at midpoints tau_i = (2i + 1) / 2N (QR-DQN, Dabney et al. 2018).</summary>
    Quantile,

    /// <summary>Logits of a categorical distribution over a fixed support z_j in [v_min, v_max] (C51, Bellemare et al. 2017).</summary>
    Categorical,
}

/// <summary>
/// The Q-network-specific part of the architecture (the trunk and conditioning are <see cref="PolicySpec"/>): the
/// return distribution its output layer emits, and noisy layers (Fortunato et al. 2018). Saved in the policy file
/// next to the spec, so a trained run rebuilds the same network. The default is plain DQN's network.
/// </summary>
public sealed record QNetworkOptions
{
    public static readonly QNetworkOptions Default = new();

    public QDistributionKind Distribution { get; init; } = QDistributionKind.None;
    /// <summary>QR-DQN's N (sb3-contrib's default n_quantiles = 200).</summary>
    public int Quantiles { get; init; } = 200;
    /// <summary>C51's number of atoms.</summary>
    public int Atoms { get; init; } = 51;
    public float VMin { get; init; } = -10f;
    public float VMax { get; init; } = 10f;
    /// <summary>Factorized Gaussian noisy layers replace epsilon-greedy exploration.</summary>
    public bool Noisy { get; init; }
    /// <summary>sigma_0: noise scales start at sigma_0 / sqrt(fan_in).</summary>
    public float NoisySigma { get; init; } = 0.5f;

    /// <summary>Outputs per action: 1, N quantiles, or the atoms.</summary>
    public int AtomCount => Distribution switch
    {
        QDistributionKind.Quantile => Quantiles,
        QDistributionKind.Categorical => Atoms,
        _ => 1,
    };

    public bool IsDefault => this == Default;

    /// <summary>Throws <see cref="PolicySpecException"/> with a one-line message.</summary>
    public void Validate()
    {
        if (Distribution == QDistributionKind.Quantile && Quantiles < 1)
            throw new PolicySpecException($"quantiles must be >= 1, got {Quantiles}");
        if (Distribution == QDistributionKind.Categorical && Atoms < 2)
            throw new PolicySpecException($"atoms must be >= 2, got {Atoms}");
        if (Distribution == QDistributionKind.Categorical && !(VMin < VMax))
            throw new PolicySpecException($"vMin must be below vMax, got vMin {VMin} and vMax {VMax}");
        if (Noisy && !(NoisySigma > 0 && float.IsFinite(NoisySigma)))
            throw new PolicySpecException($"noisySigma must be > 0, got {NoisySigma}");
    }

    public static readonly IReadOnlyList<(string Name, QDistributionKind Kind)> DistributionNames =
        [("none", QDistributionKind.None), ("qr", QDistributionKind.Quantile), ("c51", QDistributionKind.Categorical)];

    /// <summary>"none", "qr" or "c51" -> the kind; null for anything else.</summary>
    public static QDistributionKind? ParseDistribution(string name)
    {
        foreach (var (text, kind) in DistributionNames)
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)) return kind;
        return null;
    }

    public static string NameOf(QDistributionKind kind) => DistributionNames.First(entry => entry.Kind == kind).Name;

    public JObject ToJObject() => new()
    {
        ["distributional"] = NameOf(Distribution),
        ["quantiles"] = Quantiles,
        ["atoms"] = Atoms,
        ["vMin"] = VMin,
        ["vMax"] = VMax,
        ["noisy"] = Noisy,
        ["noisySigma"] = NoisySigma,
    };

    /// <summary>Reads what <see cref="ToJObject"/> wrote; absent keys keep their defaults.</summary>
    public static QNetworkOptions FromJObject(JObject json)
    {
        var name = json.Value<string>("distributional") ?? "none";
        var kind = ParseDistribution(name)
            ?? throw new PolicySpecException($"unknown distributional kind '{name}'; valid: {string.Join(", ", DistributionNames.Select(n => n.Name))}");
        var options = new QNetworkOptions
        {
            Distribution = kind,
            Quantiles = json.Value<int?>("quantiles") ?? Default.Quantiles,
            Atoms = json.Value<int?>("atoms") ?? Default.Atoms,
            VMin = json.Value<float?>("vMin") ?? Default.VMin,
            VMax = json.Value<float?>("vMax") ?? Default.VMax,
            Noisy = json.Value<bool?>("noisy") ?? false,
            NoisySigma = json.Value<float?>("noisySigma") ?? Default.NoisySigma,
        };
        options.Validate();
        return options;
    }
}
