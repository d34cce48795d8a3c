using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Presets;

/// <summary>The policy specs the algorithm presets start from.</summary>
public static class PolicyPresets
{
    /// <summary>
    /// A full hypernetwork generating a 64x64 tanh MLP. Embedding 16: the hypernetwork's output layer is embedding x
    /// generated parameters, and its gradient and Adam update are most of what a hyper gradient step costs over an
    /// MLP's. Measured on PPO CartPole (10 epochs): 16 takes 5.0 s against 5.8 s for 32 and solved 5 of 5 seeds (finals
    /// all 500); on randomized CartPole (5 epochs, 5 seeds) its held-out returns matched 32's. An embedding of 8
    /// extrapolated worse than 32 (with the Zoo's 20 epochs: pole_length 1.0 held out, 184 vs 394).
    /// </summary>
    public static PolicySpec Hyper { get; } = new()
    {
        Conditioning = ConditioningKind.Hyper,
        Hyper = new HyperSpec { Kind = HyperKind.Full, Embedding = 16, Init = HyperInit.HyperfanIn },
        Hidden = [64, 64],
        Activation = ActivationKind.Tanh,
    };
}
