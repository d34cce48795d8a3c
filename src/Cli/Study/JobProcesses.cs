using System.Diagnostics;

namespace HyperRL.Cli.Study;

/// <summary>
/// Runs study jobs as child <c>hyperrl study SPEC --out DIR --only JOB</c> processes, at most N at once. Processes, not
/// threads: each run seeds torch's process-wide generator, so only separate processes keep every run the same as when
/// it runs alone.
/// </summary>
internal static class JobProcesses
{
    /// <returns>The jobs that failed, each with the last line its process wrote to stderr.</returns>
    public static IReadOnlyList<(string Job, string Error)> Run(IReadOnlyList<string> jobs, int parallel, string specPath, string directory,
        Action<string, int, TimeSpan> finished, CancellationToken cancellation)
    {
        var failures = new List<(string, string)>();
        var gate = new object();
        using var slots = new SemaphoreSlim(parallel);
        var tasks = jobs.Select(async job =>
        {
            await slots.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                var started = Stopwatch.StartNew();
                var (code, error) = await RunOne(job, specPath, directory, cancellation).ConfigureAwait(false);
                lock (gate)
                {
                    if (code != 0) failures.Add((job, error));
                    finished(job, code, started.Elapsed);
                }
            }
            finally
            {
                slots.Release();
            }
        }).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
            throw new OperationCanceledException("the study was stopped");
        }
        return failures;
    }

    private static async Task<(int Code, string Error)> RunOne(string job, string specPath, string directory, CancellationToken cancellation)
    {
        var start = SelfInvocation();
        foreach (string argument in new[] { "study", specPath, "--out", directory, "--only", job }) start.ArgumentList.Add(argument);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start a process for study job {job}");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The job resumes from its last checkpoint when the study runs again.
            process.Kill(entireProcessTree: true);
            throw;
        }
        await stdout.ConfigureAwait(false);
        string error = (await stderr.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return (process.ExitCode, error);
    }

    /// <summary>This same program: the installed tool or apphost directly, otherwise the dotnet host with this assembly
    /// (<c>dotnet hyperrl.dll</c>, and in-process test hosts).</summary>
    private static ProcessStartInfo SelfInvocation()
    {
        string? path = Environment.ProcessPath;
        string name = Path.GetFileNameWithoutExtension(path ?? "");
        if (path != null && name == "hyperrl") return new ProcessStartInfo(path);
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnetHost ? dotnetHost
            : name == "dotnet" && path != null ? path : "dotnet";
        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(typeof(JobProcesses).Assembly.Location);
        return start;
    }
}
