using HyperRL.Agents.Config;
using HyperRL.Agents.Presets;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>
/// DQN's per-env defaults: RL Baselines3 Zoo's tuned values (hyperparams/dqn.yml; LunarLander-v3 takes the
/// LunarLander-v2 entry), mapped to our names. Where we depart from the Zoo the comment says why.
/// </summary>
internal static class DqnPresets
{
    // The Zoo's DQN entries use net_arch [256, 256], and so do we except on CartPole (with 64x64, DQN on CartPole
    // stayed below 400 here, plain MLP included; see there for 128x128). The hypernetwork generates only the output
    // layer: a full hypernetwork for a 256x256 main net has ~2M parameters, made each gradient step ~15x slower, and its
    // Q-values diverged at the Zoo's learning rate (measured: mean Q 65 for 13-step episodes). Generating one 128x2
    // layer, the embedding size costs nothing measurable; with 16 instead of 32, DQN on CartPole reached 475 on 3 seeds
    // of 5 instead of 4.
    private static readonly PolicySpec QPolicy = PolicyPresets.Hyper with
    {
        Activation = ActivationKind.Relu,
        Head = HeadKind.Q,
        Hidden = [256, 256],
        Hyper = PolicyPresets.Hyper.Hyper with { GeneratedLayers = 1, Embedding = 32 },
    };

    // C51's support (dqn.vMin/vMax, used only with dqn.distributional c51) must cover the discounted returns: CleanRL's
    // c51.py takes [-100, 100] on CartPole; with gamma 0.99 and rewards of magnitude <= 1 per step that bound holds for
    // CartPole, Acrobot and MountainCar, and it is the same scale for LunarLander.
    public static TrainConfig For(string env)
    {
        var baseline = new TrainConfig { Env = env, Algorithm = new DqnConfig(), Policy = QPolicy, NumEnvs = 1 };
        return env switch
        {
            // Zoo: n_timesteps 5e4, learning_rate 2.3e-3, batch_size 64, buffer_size 100000, learning_starts 1000,
            // gamma 0.99, target_update_interval 10, train_freq 256, gradient_steps 128, exploration_fraction 0.16,
            // exploration_final_eps 0.04, net_arch [256, 256]. We take net_arch [128, 128] and gradient_steps 64: the
            // Zoo's 0.5 gradient steps per env step on a 256x256 net made a 100k-step run take 36 s here (the gradient
            // steps are ~90% of it); with these the hyper Q-network reached an eval return >= 475 within 100k steps on
            // 4 of 5 seeds, as the Zoo's settings did, in 9 s (80 gradient steps: 1 of 5; 96: 4 of 5).
            "CartPole-v1" => baseline with
            {
                TotalSteps = 100_000, EvalEvery = 10_000,
                Policy = QPolicy with { Hidden = [128, 128] },
                Algorithm = new DqnConfig
                {
                    LearningRate = 2.3e-3, BatchSize = 64, BufferSize = 100_000, LearningStarts = 1000, Gamma = 0.99,
                    TargetUpdateInterval = 10, TrainFrequency = 256, GradientSteps = 64, ExplorationFraction = 0.16,
                    EndEpsilon = 0.04, DoubleDqn = false, VMin = -100, VMax = 100,
                },
            },
            // Zoo (LunarLander-v2, and the same values for Acrobot-v1): n_timesteps 1e5, learning_rate 6.3e-4,
            // batch_size 128, buffer_size 50000, learning_starts 0, gamma 0.99, target_update_interval 250, train_freq 4,
            // gradient_steps -1 (= as many as env steps collected: 4), exploration_fraction 0.12,
            // exploration_final_eps 0.1, net_arch [256, 256].
            "LunarLander-v3" or "Acrobot-v1" => baseline with
            {
                TotalSteps = 100_000, EvalEvery = 10_000,
                Algorithm = new DqnConfig
                {
                    LearningRate = 6.3e-4, BatchSize = 128, BufferSize = 50_000, LearningStarts = 0, Gamma = 0.99,
                    TargetUpdateInterval = 250, TrainFrequency = 4, GradientSteps = 4, ExplorationFraction = 0.12, EndEpsilon = 0.1,
                    DoubleDqn = false, VMin = -100, VMax = 100,
                },
            },
            // Zoo: n_timesteps 1.2e5, learning_rate 4e-3, batch_size 128, buffer_size 10000, learning_starts 1000,
            // gamma 0.98, target_update_interval 600, train_freq 16, gradient_steps 8, exploration_fraction 0.2,
            // exploration_final_eps 0.07, net_arch [256, 256].
            "MountainCar-v0" => baseline with
            {
                TotalSteps = 120_000, EvalEvery = 10_000,
                Algorithm = new DqnConfig
                {
                    LearningRate = 4e-3, BatchSize = 128, BufferSize = 10_000, LearningStarts = 1000, Gamma = 0.98,
                    TargetUpdateInterval = 600, TrainFrequency = 16, GradientSteps = 8, ExplorationFraction = 0.2, EndEpsilon = 0.07,
                    DoubleDqn = false, VMin = -100, VMax = 100,
                },
            },
            _ => baseline with { TotalSteps = 500_000, EvalEvery = 25_000 },
        };
    }

    public const string RainbowName = "rainbow";

    /// <summary>
    /// Rainbow (Hessel et al. 2018) with the parts its ablation ranks first: the env's default preset plus n-step
    /// returns (n = 3), prioritized replay (alpha 0.6, beta 0.4 annealed to 1) and QR-DQN as the distributional part,
    /// with the quantile counts and settings of RL Baselines3 Zoo's qrdqn.yml where it has an entry (CartPole-v1,
    /// Acrobot-v1, MountainCar-v0: the same values as its DQN entries, which the default presets follow; LunarLander-v2).
    /// Noisy nets (dqn.noisy) are left out: on CartPole, 50k steps, seeds 1-5, adding them left three of five seeds in
    /// ~9-step episodes for the whole run, where epsilon-greedy reached 500 on all five.
    /// </summary>
    public static TrainConfig Rainbow(string env)
    {
        var preset = For(env);
        var parts = (DqnConfig)preset.Algorithm with { NStep = 3, Prioritized = true, Distributional = "qr", Quantiles = 25 };
        return env switch
        {
            // Zoo: n_quantiles 10, n_timesteps 5e4.
            "CartPole-v1" => preset with { TotalSteps = 50_000, EvalEvery = 5_000, Algorithm = parts with { Quantiles = 10 } },
            // Zoo (LunarLander-v2): n_timesteps 1e5, learning_rate lin_1.5e-3, batch_size 128, buffer_size 100000,
            // learning_starts 10000, gamma 0.995, target_update_interval 1, train_freq 256, gradient_steps -1 (256),
            // exploration_fraction 0.24, exploration_final_eps 0.18, n_quantiles 170. We take 64 gradient steps per 256
            // env steps and 25 quantiles: the quantile loss compares every pair of quantiles, and 170 of them with one
            // gradient step per env step would make a 300k-step run take hours here.
            "LunarLander-v3" => preset with
            {
                TotalSteps = 300_000, EvalEvery = 20_000,
                Algorithm = parts with
                {
                    LearningRate = 1.5e-3, AnnealLearningRate = true, BatchSize = 128, BufferSize = 100_000, LearningStarts = 10_000,
                    Gamma = 0.995, TargetUpdateInterval = 1, TrainFrequency = 256, GradientSteps = 64, ExplorationFraction = 0.24,
                    EndEpsilon = 0.18,
                },
            },
            // Zoo: n_quantiles 25 (both), and one gradient step per env step (Acrobot: train_freq 4, gradient_steps 4) or
            // half of one (MountainCar: 16 / 8). We take a quarter of one: with 25 quantiles on [256, 256] a gradient step
            // costs ~6 ms here, and the Zoo's ratio made 10k Acrobot steps take 63 s (150k: about 16 minutes a seed).
            "Acrobot-v1" => preset with
            {
                TotalSteps = 150_000, EvalEvery = 10_000, Algorithm = parts with { TrainFrequency = 4, GradientSteps = 1 },
            },
            "MountainCar-v0" => preset with
            {
                TotalSteps = 150_000, EvalEvery = 10_000, Algorithm = parts with { TrainFrequency = 16, GradientSteps = 4 },
            },
            _ => preset with { Algorithm = parts },
        };
    }
}
