using HyperRL.Agents.Runs;

namespace HyperRL.Agents.Tests.Runs;

/// <summary>The directory swap of checkpoints and best policies, and what recovery makes of a swap cut at each step.</summary>
public sealed class AtomicFileTests
{
    private string _root = "";
    private string _target = "";

    [SetUp]
    public void CreateRoot()
    {
        _root = Directory.CreateTempSubdirectory("hyperrl-atomic-").FullName;
        _target = Path.Combine(_root, "checkpoint");
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private void Version(string directory, string version)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "state.txt"), version);
    }

    private string Current => File.ReadAllText(Path.Combine(_target, "state.txt"));

    private IEnumerable<string> Entries => Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName)!;

    [Test]
    public void ASwapReplacesTheDirectoryAndLeavesNothingElse()
    {
        AtomicFile.ReplaceDirectory(_target, d => Version(d, "1"));
        AtomicFile.ReplaceDirectory(_target, d => Version(d, "2"));
        Assert.That(Current, Is.EqualTo("2"));
        Assert.That(Entries, Is.EqualTo(new[] { "checkpoint" }));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.ReplaceDirectory(_target, _ => throw new InvalidOperationException("disk full")));
        Assert.That(Current, Is.EqualTo("2"), "a failed fill leaves the old version");
        Assert.That(Entries, Is.EqualTo(new[] { "checkpoint" }));
    }

    [TestCase(new[] { ".checkpoint.tmp-a" }, true, "1", TestName = "cut while filling: the old version stays")]
    [TestCase(new[] { ".checkpoint.ready-a" }, true, "1", TestName = "cut before the old one moved aside: the old version stays")]
    [TestCase(new[] { ".checkpoint.ready-a", ".checkpoint.old-a" }, false, "2", TestName = "cut with neither in place: the complete new one takes it")]
    [TestCase(new[] { ".checkpoint.old-a" }, false, "1", TestName = "cut with only the old one aside: it comes back")]
    [TestCase(new[] { ".checkpoint.old-a" }, true, "2", TestName = "cut before the old one was deleted: the new version stays")]
    public void RecoveryPutsRightASwapCutAtEachStep(string[] leftovers, bool targetPresent, string expected)
    {
        if (targetPresent) Version(_target, expected == "1" ? "1" : "2");
        foreach (string leftover in leftovers)
            Version(Path.Combine(_root, leftover), leftover.Contains(".old-") ? "1" : leftover.Contains(".ready-") ? "2" : "partial");
        AtomicFile.Recover(_target);
        Assert.That(Current, Is.EqualTo(expected));
        Assert.That(Entries, Is.EqualTo(new[] { "checkpoint" }), "no leftovers");
    }
}
