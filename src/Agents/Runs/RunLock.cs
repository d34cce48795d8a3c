using System.Text;

namespace HyperRL.Agents.Runs;

/// <summary>
/// Exclusive use of a run directory by one training process: <c>RUN/.lock</c> is held open with an OS lock for the
/// owner's lifetime and <c>RUN/.lock-owner</c> says who holds it (pid and host; the locked file itself cannot be read
/// by others), so a second <c>train</c> or <c>--resume</c> on the same run fails at once with a one-line error
/// instead of interleaving its files. A lock left by a process that died (kill -9, a crash) is released by the OS
/// with the process: the next owner takes it and is told whose it was. The lock file itself stays (deleting it on
/// release would let a newcomer lock a fresh file while a waiter still locks the old one).
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = ".lock";
    public const string OwnerFileName = ".lock-owner";

    private readonly FileStream _stream;
    private readonly string _directory;

    private RunLock(FileStream stream, string directory, string? stalePrevious)
    {
        _stream = stream;
        _directory = directory;
        StalePrevious = stalePrevious;
    }

    /// <summary>"pid N on HOST" of an owner that ended without releasing the lock, or null.</summary>
    public string? StalePrevious { get; }

    public static RunLock Acquire(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        string ownerPath = Path.Combine(runDirectory, OwnerFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(runDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string owner = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "another process";
            throw new InvalidOperationException($"run '{runDirectory}' is in use by {owner}; wait for it to finish or pick another --name");
        }
        string? previous = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : null;
        File.WriteAllText(ownerPath, $"pid {Environment.ProcessId} on {Environment.MachineName}\n");
        return new RunLock(stream, runDirectory, previous);
    }

    public void Dispose()
    {
        File.Delete(Path.Combine(_directory, OwnerFileName));
        _stream.Dispose();
    }
}
