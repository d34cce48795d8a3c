using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Registry;
using SkiaSharp;

namespace HyperRL.Cli.Tests.Rendering;

public sealed class RenderCommandTests
{
    private string _root = "";
    private string _run = "";

    [OneTimeSetUp]
    public void TrainATinyRun()
    {
        _root = Directory.CreateTempSubdirectory("hyperrl-render-").FullName;
        var train = CliRunner.Run("train", "--env", "CartPole-v1", "--steps", "256", "--name", "r", "--out", _root, "--quiet");
        Assert.That(train.ExitCode, Is.EqualTo(0), train.Error);
        _run = Path.Combine(_root, "r");
    }

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void RendersAGifAndAStrip()
    {
        string gif = Path.Combine(_root, "out", "episode.gif");
        string strip = Path.Combine(_root, "strip.png");
        var result = CliRunner.Run("render", _run, "--out", gif, "--strip", strip, "--size", "160x120", "--seed", "4",
            "--descriptor", "pole_length=0.7");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("CartPole-v1, seed 4: return").And.Contain($"wrote {gif}").And.Contain($"wrote {strip}"));

        var decoded = GifTestDecoder.Decode(File.ReadAllBytes(gif));
        Assert.That(decoded.Signature, Is.EqualTo("GIF89a"));
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((160, 120)));
        Assert.That(decoded.Frames, Has.Count.GreaterThan(1));
        GifWriterTests.AssertSkiaDecodesTheSame(File.ReadAllBytes(gif), decoded);

        using var png = SKBitmap.Decode(strip);
        Assert.That(png, Is.Not.Null);
        Assert.That(png.Height, Is.EqualTo(120));
        Assert.That(png.Width % 160, Is.EqualTo(0));
        Assert.That(png.Width / 160, Is.InRange(2, 8));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(gif)!), Is.EqualTo(new[] { gif }), "no temporary files left");
    }

    [Test]
    public void DefaultGifGoesIntoTheRunAndFrameSkipThinsIt()
    {
        var all = CliRunner.Run("render", _run, "--size", "64x48", "--max-steps", "12");
        Assert.That(all.ExitCode, Is.EqualTo(0), all.Error);
        string gif = Path.Combine(_run, "episode.gif");
        int allFrames = GifTestDecoder.Decode(File.ReadAllBytes(gif)).Frames.Count;

        var thinned = CliRunner.Run("render", _run, "--size", "64x48", "--max-steps", "12", "--frame-skip", "3");
        Assert.That(thinned.ExitCode, Is.EqualTo(0), thinned.Error);
        var decoded = GifTestDecoder.Decode(File.ReadAllBytes(gif));
        Assert.That(decoded.Frames.Count, Is.LessThan(allFrames));
        Assert.That(decoded.Frames[0].DelayCentiseconds, Is.EqualTo(6), "3 steps of 20 ms per frame");
    }

    [TestCase("--size", "600by400", "--size '600by400' is not WIDTHxHEIGHT")]
    [TestCase("--size", "8x8", "each side must be")]
    [TestCase("--descriptor", "pole_lenght=0.7", "Unknown descriptor parameter 'pole_lenght'")]
    [TestCase("--descriptor", "pole_length=9", "outside its valid range")]
    [TestCase("--frame-skip", "0", "--frame-skip must be at least 1")]
    public void BadInputIsAOneLineError(string flag, string value, string message)
    {
        var result = CliRunner.Run("render", _run, flag, value);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: ").And.Contain(message));
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void DescriptorFlagsMayComeBeforeTheRunAndRepeat()
    {
        string strip = Path.Combine(_root, "before.png");
        var result = CliRunner.Run("render", "--descriptor", "pole_length=0.3", "--descriptor", "force_mag=20", _run,
            "--strip", strip, "--size", "64x48", "--max-steps", "5");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(File.Exists(strip), Is.True);
    }

    [Test]
    public void MissingRunDirectoryIsAOneLineError()
    {
        var result = CliRunner.Run("render", Path.Combine(_root, "missing"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: run directory").And.Contain("does not exist"));
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void AContinuousEnvRendersThroughTheClippedActions()
    {
        var train = CliRunner.Run("train", "--env", "Pendulum-v1", "--steps", "256", "--envs", "1", "--name", "pendulum", "--out", _root, "--quiet",
            "--config", WriteConfig("""{"ppo": {"numSteps": 128, "minibatchSize": 64}, "evalEvery": 0, "evalEpisodes": 1}"""));
        Assert.That(train.ExitCode, Is.EqualTo(0), train.Error);
        var result = CliRunner.Run("render", Path.Combine(_root, "pendulum"), "--size", "64x48", "--max-steps", "20");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("over 20 steps"), "the replay follows the played episode to its end");
    }

    [Test]
    public void AnEnvWithoutADrawerIsAOneLineErrorBeforeAnyEpisodeIsPlayed()
    {
        const string id = "CliTestsNoDrawer-v0";
        if (!EnvRegistry.Contains(id))
            EnvRegistry.Register(EnvRegistry.Get("CartPole-v1") with { Id = id, Create = options => new CartPoleEnv(options) });
        var train = CliRunner.Run("train", "--env", id, "--steps", "256", "--name", "nodrawer", "--out", _root, "--quiet");
        Assert.That(train.ExitCode, Is.EqualTo(0), train.Error);
        var result = CliRunner.Run("render", Path.Combine(_root, "nodrawer"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith($"error: no drawer for env '{id}'").And.Contain("CartPole-v1"));
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(_root, "nodrawer", "episode.gif")), Is.False);
    }

    private string WriteConfig(string json)
    {
        string path = Path.Combine(_root, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
