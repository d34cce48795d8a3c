using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Envs.Registry;
using HyperRL.Cli.Rendering;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl render</c>: plays one episode of a trained run and draws it as an animated GIF and/or a PNG strip.</summary>
public static class RenderCommand
{
    /// <summary>20 ms per env step: the 50 FPS of Gymnasium's CartPole and LunarLander.</summary>
    private const int CentisecondsPerStep = 2;

    public static Command Create(TextWriter output)
    {
        var run = RunOptions.Run();
        var gifOut = new Option<string?>("--out") { Description = "Animated GIF to write (default RUN/episode.gif unless only --strip is given)." };
        var stripOut = new Option<string?>("--strip") { Description = "PNG strip of up to 8 evenly spaced frames side by side." };
        var seed = new Option<int>("--seed") { Description = "Seed of the episode's reset.", DefaultValueFactory = _ => 0 };
        var descriptor = new Option<string[]>("--descriptor")
        {
            // One value per flag: several per flag would swallow a RUN written after them.
            Description = "Descriptor value for the episode, NAME=VALUE (repeat the flag for several; default: the run's training setting).",
        };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Stop the episode after this many steps (default: the env's time limit)." };
        var size = new Option<string>("--size") { Description = "Frame size WIDTHxHEIGHT.", DefaultValueFactory = _ => "600x400" };
        var best = RunOptions.Best();
        var frameSkip = new Option<int>("--frame-skip") { Description = "Draw every K-th step (the GIF's timing stays real-time).", DefaultValueFactory = _ => 1 };

        var command = new Command("render", "Play one episode of a trained run with its deterministic policy and draw it.\n\nExamples:\n" +
                                            "  hyperrl render runs/CartPole-v1-ppo-hyper-s1\n" +
                                            "  hyperrl render runs/CartPole-v1-ppo-hyper-s1 --descriptor pole_length=1.0 --out long-pole.gif\n" +
                                            "  hyperrl render runs/LunarLander-v3-ppo-hyper-s1 --strip lander.png --frame-skip 2")
        {
            run, gifOut, stripOut, seed, descriptor, maxSteps, size, frameSkip, best,
        };
        command.SetAction(parse =>
        {
            var frameSize = ImageSize.Parse(parse.GetValue(size)!);
            int skip = parse.GetValue(frameSkip);
            if (skip < 1) throw new ArgumentException("--frame-skip must be at least 1");
            if (parse.GetValue(maxSteps) is < 1) throw new ArgumentException("--max-steps must be at least 1");
            string runDirectory = parse.GetValue(run)!;
            string? stripPath = parse.GetValue(stripOut);
            string? gifPath = parse.GetValue(gifOut) ?? (stripPath == null ? Path.Combine(runDirectory, "episode.gif") : null);
            int episodeSeed = parse.GetValue(seed);

            var clock = Stopwatch.StartNew();
            using var trained = TrainedRun.Load(runDirectory, parse.GetValue(best));
            // Checked before any work: a drawer for the env, and the descriptor values against the family's ranges.
            var drawer = EnvDrawerRegistry.For(trained.Config.Env);
            var point = Assignment.Points(parse.GetValue(descriptor) ?? [], "--descriptor");
            EnvRegistry.Get(trained.Config.Env).DescriptorSpec.Resolve(point);
            var options = trained.EnvOptions(point);
            var episode = EpisodePlayer.Play(trained, options, episodeSeed, parse.GetValue(maxSteps));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{trained.Config.Env}, seed {episodeSeed}: return {episode.Return:F2} over {episode.Length} steps ({(episode.Terminated ? "terminated" : "truncated")})"));

            int[] frameSteps = FrameSchedule.Steps(episode.Length, skip);
            var renderer = new EpisodeRenderer(drawer, frameSize);
            using var strip = stripPath != null ? new FrameStrip(frameSteps, frameSize) : null;
            if (gifPath != null)
            {
                int frames = 0;
                AtomicFile.Write(gifPath, stream =>
                {
                    var gif = new GifWriter(stream, frameSize.Width, frameSize.Height);
                    renderer.Render(EnvRegistry.Make(trained.Config.Env, options), episode, frameSteps, (step, frame) =>
                    {
                        gif.AddFrame(frame, Math.Min(CentisecondsPerStep * skip, ushort.MaxValue));
                        strip?.Add(step, frame);
                    });
                    gif.Finish();
                    frames = gif.FrameCount;
                });
                output.WriteLine($"wrote {gifPath} ({frames} frames, {frameSize})");
            }
            else if (strip != null)
            {
                renderer.Render(EnvRegistry.Make(trained.Config.Env, options), episode, strip.Steps, strip.Add);
            }
            if (strip != null && stripPath != null)
            {
                strip.Save(stripPath);
                output.WriteLine($"wrote {stripPath} (steps {string.Join(", ", strip.Steps)})");
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rendered in {clock.Elapsed.TotalSeconds:F1} s"));
            return 0;
        });
        return command;
    }
}
