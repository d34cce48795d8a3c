using HyperRL.Envs.Core;

namespace HyperRL.Envs.Vector;

/// <summary>Steps every env on the calling thread, one after the other.</summary>
public sealed class SyncVectorEnv : VectorEnv
{
    public SyncVectorEnv(IReadOnlyList<Env> envs) : base(envs, sliceCount: 1)
    {
    }

    protected override void RunSlices() => StepSlice(0);

    public override void Dispose()
    {
    }
}
