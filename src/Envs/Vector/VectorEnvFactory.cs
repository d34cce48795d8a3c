using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Vector;

/// <summary>Builds a vector env of <c>numEnvs</c> copies of a registered env id.</summary>
public static class VectorEnvFactory
{
    /// <param name="workers">1 gives a <see cref="SyncVectorEnv"/>; more gives a <see cref="ThreadedVectorEnv"/>.</param>
    public static VectorEnv Make(string id, int numEnvs, int workers = 1, EnvOptions? options = null, Func<Env, Env>? wrap = null)
    {
        if (numEnvs < 1) throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "Need at least one env.");
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "Need at least one worker.");
        var envs = new Env[numEnvs];
        for (int i = 0; i < numEnvs; i++)
        {
            var env = EnvRegistry.Make(id, options);
            envs[i] = wrap == null ? env : wrap(env);
        }
        return workers == 1 ? new SyncVectorEnv(envs) : new ThreadedVectorEnv(envs, workers);
    }
}
