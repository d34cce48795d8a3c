using System.Globalization;
using HyperRL.Agents.Experiments;
using HyperRL.Envs.Core;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>
/// Replays a recorded episode on a fresh env and draws the scheduled states, each with a caption (env, step,
/// return so far, descriptor). The frame bitmap handed to <c>onFrame</c> is reused: copy what must outlive the call.
/// </summary>
public sealed class EpisodeRenderer
{
    private readonly IEnvDrawer _drawer;
    private readonly ImageSize _size;

    public EpisodeRenderer(IEnvDrawer drawer, ImageSize size)
    {
        _drawer = drawer;
        _size = size;
    }

    public void Render(Env env, RecordedEpisode episode, IReadOnlyList<int> frameSteps, Action<int, SKBitmap> onFrame)
    {
        var wanted = new bool[episode.Length + 1];
        foreach (int step in frameSteps) wanted[step] = true;

        using var frame = new SKBitmap(new SKImageInfo(_size.Width, _size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(frame);
        using var caption = new FrameCaption(_size.Height);
        var observation = new float[env.ObservationSize];
        env.Reset(observation, episode.Seed);
        var descriptorLines = caption.Wrap(DescriptorParts(env), _size.Width * 0.45f);
        double total = 0;
        for (int step = 0; step <= episode.Length; step++)
        {
            if (step > 0)
            {
                var outcome = episode.ActionSize == 0
                    ? env.Step(episode.DiscreteActions[step - 1], observation)
                    : env.Step(episode.ContinuousActions.AsSpan((step - 1) * episode.ActionSize, episode.ActionSize), observation);
                total += outcome.Reward;
                if (outcome.Done && step < episode.Length)
                    throw new InvalidOperationException($"replaying the episode diverged: it ended at step {step}, not {episode.Length}");
            }
            if (!wanted[step]) continue;
            _drawer.Draw(canvas, env, _size.Width, _size.Height);
            var lines = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture, $"{env.Id}  step {step}/{episode.Length}  return {total:F1}"),
            };
            lines.AddRange(descriptorLines);
            caption.Draw(canvas, lines);
            canvas.Flush();
            onFrame(step, frame);
        }
    }

    private static IEnumerable<string> DescriptorParts(Env env)
    {
        var spec = env.DescriptorSpec;
        ReadOnlySpan<double> values = env.Descriptor;
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++) parts[i] = string.Create(CultureInfo.InvariantCulture, $"{spec.Parameters[i].Name}={values[i]:G4}");
        return parts;
    }
}
