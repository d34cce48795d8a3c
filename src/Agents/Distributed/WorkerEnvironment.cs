using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// What every rollout worker is built from, as the learner builds its own: the run's env pipeline (numEnvs envs reset
/// with the worker's seed, <see cref="RunSeeds.Worker"/>), the shapes the learner checks, the normalization
/// statistics of each chunk, and the algorithm's acting network, built without moving the process's torch generator
/// (its weights come from the learner; a worker silo inside the learner's process, as in tests, would otherwise
/// change the learner's draws).
/// </summary>
internal sealed class WorkerEnvironment<TNetwork> : IDisposable where TNetwork : IDisposable
{
    public WorkerEnvironment(TrainConfig config, int workerIndex, Func<PolicyShapes, TNetwork> createNetwork)
    {
        TorchSharp.torch.set_num_threads(config.TorchThreads); // the worker process's, as the learner's
        var options = EnvSetup.TrainingOptions(config);
        var shapes = EnvSetup.Shapes(config, EnvSetup.Probe(config, options));
        Shapes = WorkerShapes.Of(config, shapes);
        Seed = RunSeeds.Worker(config.Seed, workerIndex);
        Pipeline = EnvPipeline.ForTraining(config, options);
        try
        {
            Pipeline.Envs.Reset(Seed);
            using var generator = TorchSharp.torch.random.get_rng_state();
            Network = createNetwork(shapes);
            TorchSharp.torch.random.set_rng_state(generator);
        }
        catch
        {
            Pipeline.Dispose();
            throw;
        }
        Statistics = new ChunkStatistics(Pipeline);
    }

    public EnvPipeline Pipeline { get; }
    public TNetwork Network { get; }
    public WorkerShapes Shapes { get; }
    public ChunkStatistics Statistics { get; }

    /// <summary>The worker's seed: its env resets', and the base of its generators.</summary>
    public int Seed { get; }

    public void Dispose()
    {
        Network.Dispose();
        Pipeline.Dispose();
    }
}
