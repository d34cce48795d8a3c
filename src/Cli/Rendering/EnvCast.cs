using HyperRL.Envs.Core;

namespace HyperRL.Cli.Rendering;

/// <summary>Finds the concrete env a drawer knows how to draw beneath any wrappers.</summary>
internal static class EnvCast
{
    public static T Unwrap<T>(Env env) where T : Env =>
        env.Unwrapped as T ?? throw new ArgumentException($"{typeof(T).Name}'s drawer cannot draw {env.Unwrapped.Id}.");
}
