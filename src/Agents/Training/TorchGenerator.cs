using TorchSharp;

namespace HyperRL.Agents.Training;

/// <summary>
/// The state of torch's default CPU generator, which training draws from (PPO's minibatch permutations, SAC's
/// reparameterized action samples, categorical sampling in torch): saved with a checkpoint so a resumed run draws
/// the same numbers as one that was never stopped. CUDA generators are not covered (see README).
/// </summary>
public static class TorchGenerator
{
    public static void Save(BinaryWriter writer)
    {
        using var state = torch.random.get_rng_state();
        byte[] bytes = state.data<byte>().ToArray();
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static void Load(BinaryReader reader)
    {
        byte[] bytes = reader.ReadBytes(reader.ReadInt32());
        using var state = torch.tensor(bytes, torch.ScalarType.Byte);
        torch.random.set_rng_state(state);
    }
}
