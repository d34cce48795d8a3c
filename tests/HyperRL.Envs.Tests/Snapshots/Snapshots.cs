using HyperRL.Envs.Core;

namespace HyperRL.Envs.Tests.Snapshots;

/// <summary>Saves a state into memory and loads it into another object, as a checkpoint and a resume do.</summary>
internal static class Snapshots
{
    public static byte[] Save(IStateSnapshot source)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) source.SaveState(writer);
        return stream.ToArray();
    }

    public static void Load(IStateSnapshot target, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        target.LoadState(reader);
        Assert.That(reader.BaseStream.Position, Is.EqualTo(state.Length), "the whole snapshot is read");
    }
}
