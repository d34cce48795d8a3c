namespace HyperRL.Envs.Core;

/// <summary>
/// Something whose whole state (generators included) can be written and read back, so a resumed training run
/// continues exactly where it stopped. Envs, vector envs and their wrappers implement it; a wrapper writes its own
/// fields and forwards to what it wraps. Plain <see cref="BinaryWriter"/> values keep Envs free of any serializer.
/// </summary>
public interface IStateSnapshot
{
    /// <summary>False where the state cannot be captured exactly (LunarLander's Box2D-lite world); then
    /// <see cref="SaveState"/> and <see cref="LoadState"/> throw.</summary>
    bool SupportsStateSnapshot { get; }

    void SaveState(BinaryWriter writer);

    /// <summary>Reads what <see cref="SaveState"/> wrote into an object built the same way (same id, options, sizes).</summary>
    void LoadState(BinaryReader reader);
}
