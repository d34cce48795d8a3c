using HyperRL.Agents.Config;
using HyperRL.Agents.Presets;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// PPO's per-env defaults, so that <c>train --env X --algo ppo</c> works well with no flags. The values are RL
/// Baselines3 Zoo's tuned ones (rl-baselines3-zoo, hyperparams/ppo.yml; LunarLander-v3 takes the LunarLander-v2
/// entry), mapped to our names: n_envs -> numEnvs, n_steps -> ppo.numSteps, batch_size -> minibatchSize, n_epochs ->
/// updateEpochs, gae_lambda, gamma, ent_coef, learning_rate (lin_X means annealed linearly from X), clip_range (lin_X:
/// annealed clip), normalize -> normalizeObservations/Rewards. Where we depart from the Zoo the comment says why.
/// </summary>
internal static class PpoPresets
{
    public static TrainConfig For(string env)
    {
        // Beck et al.'s bias-HyperInit (generated weights start as a standard init, the descriptor's part near zero)
        // instead of hyperfan-in. Chosen on validation studies (seeds 101-103, point seed 7; the README's studies use
        // seeds 1-10 and point seed 0), PPO 100k steps, final policies, IQM: CartPole with actuator_gain in [-1, 1] x
        // pole_length, normalized, interpolation / all-feature extrapolation 1.04 / 0.98 against hyperfan's 1.02 / 0.88;
        // PointMassGoalDiscrete with goals in [-0.8, 0.2]^2, return -2.3 / -146 against -34 / -272. The other
        // candidates measured (train-range descriptor bounds, only the last layer generated, a linear descriptor
        // encoder, the descriptor also at the main net's input) were worse on at least one of the two.
        var baseline = new TrainConfig
        {
            Env = env, Algorithm = new PpoConfig(), Policy = PolicyPresets.Hyper with { Hyper = PolicyPresets.Hyper.Hyper with { Init = HyperPolicy.HyperInit.Bias } },
        };
        return env switch
        {
            // Zoo: n_envs 8, n_timesteps 1e5, n_steps 32, batch_size 256, gae_lambda 0.8, gamma 0.98, n_epochs 20,
            // ent_coef 0.0, learning_rate lin_0.001, clip_range lin_0.2. We take n_epochs 10: the update is most of the
            // run's time, and with 10 epochs hyper and mlp still reached an eval return >= 475 within 100k steps on 5 of
            // 5 seeds (hyper: first at 10k-50k steps, final evals all 500) in half the time. With 5 epochs the plain MLP
            // failed one seed of 5 and ended unstable, and on randomized CartPole film, concat and mlp stayed far below
            // 500 after 100k steps.
            "CartPole-v1" => baseline with
            {
                NumEnvs = 8, TotalSteps = 100_000, EvalEvery = 10_000,
                Algorithm = new PpoConfig
                {
                    NumSteps = 32, MinibatchSize = 256, GaeLambda = 0.8, Gamma = 0.98, UpdateEpochs = 10, EntCoef = 0.0,
                    LearningRate = 1e-3, AnnealLearningRate = true, ClipCoef = 0.2, AnnealClipCoef = true,
                },
            },
            // Zoo (LunarLander-v2): n_envs 16, n_timesteps 1e6, n_steps 1024, batch_size 64, gae_lambda 0.98,
            // gamma 0.999, n_epochs 4, ent_coef 0.01.
            "LunarLander-v3" => baseline with
            {
                NumEnvs = 16, TotalSteps = 1_000_000, EvalEvery = 50_000, Workers = 2,
                Algorithm = new PpoConfig
                {
                    NumSteps = 1024, MinibatchSize = 64, GaeLambda = 0.98, Gamma = 0.999, UpdateEpochs = 4, EntCoef = 0.01,
                    LearningRate = 3e-4, AnnealLearningRate = false,
                },
            },
            // Zoo: normalize true, n_envs 16, n_timesteps 1e6, n_steps 256, gae_lambda 0.94, gamma 0.99, n_epochs 4,
            // ent_coef 0.0.
            "Acrobot-v1" => baseline with
            {
                NumEnvs = 16, TotalSteps = 1_000_000, EvalEvery = 50_000, NormalizeObservations = true, NormalizeRewards = true,
                Algorithm = new PpoConfig
                {
                    NumSteps = 256, MinibatchSize = 64, GaeLambda = 0.94, Gamma = 0.99, UpdateEpochs = 4, EntCoef = 0.0,
                    LearningRate = 3e-4, AnnealLearningRate = false,
                },
            },
            // Zoo: normalize true, n_envs 16, n_timesteps 1e6, n_steps 16, gae_lambda 0.98, gamma 0.99, n_epochs 4,
            // ent_coef 0.0.
            "MountainCar-v0" => baseline with
            {
                NumEnvs = 16, TotalSteps = 1_000_000, EvalEvery = 50_000, NormalizeObservations = true, NormalizeRewards = true,
                Algorithm = new PpoConfig
                {
                    NumSteps = 16, MinibatchSize = 64, GaeLambda = 0.98, Gamma = 0.99, UpdateEpochs = 4, EntCoef = 0.0,
                    LearningRate = 3e-4, AnnealLearningRate = false,
                },
            },
            // Zoo: n_envs 4, n_timesteps 1e5, n_steps 1024, gae_lambda 0.95, gamma 0.9, n_epochs 10, ent_coef 0.0,
            // learning_rate 1e-3, clip_range 0.2, use_sde True, sde_sample_freq 4. We have no gSDE: the Gaussian
            // head's state-independent log-std is used instead, with 200k steps, and observation and reward
            // normalization, which here first reached an eval return >= -200 at 123k steps (without: -201 at 82k,
            // -216 at 200k; with learning-rate annealing: -231 at 200k).
            "Pendulum-v1" => baseline with
            {
                NumEnvs = 4, TotalSteps = 200_000, EvalEvery = 20_000, NormalizeObservations = true, NormalizeRewards = true,
                Algorithm = new PpoConfig
                {
                    NumSteps = 1024, MinibatchSize = 64, GaeLambda = 0.95, Gamma = 0.9, UpdateEpochs = 10, EntCoef = 0.0,
                    LearningRate = 1e-3, AnnealLearningRate = false, ClipCoef = 0.2,
                },
            },
            _ => baseline with { NumEnvs = 4, TotalSteps = 500_000, EvalEvery = 25_000 },
        };
    }
}
