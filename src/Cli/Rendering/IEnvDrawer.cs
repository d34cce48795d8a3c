using HyperRL.Envs.Core;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>Draws the current state of one env family onto a canvas of the given size (background included).</summary>
public interface IEnvDrawer
{
    void Draw(SKCanvas canvas, Env env, int width, int height);
}
