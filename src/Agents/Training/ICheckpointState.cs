namespace HyperRL.Agents.Training;

/// <summary>A part of an algorithm that a checkpoint holds in binary (a replay buffer, a sum tree, n-step windows):
/// written and read back in the same order, into an object built from the same config.</summary>
public interface ICheckpointState
{
    void Save(BinaryWriter writer);

    void Load(BinaryReader reader);
}
