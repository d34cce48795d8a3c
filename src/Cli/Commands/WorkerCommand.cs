using System.CommandLine;
using HyperRL.Agents.Distributed;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl worker</c>: a rollout-worker silo that serves whichever learner of its cluster trains.</summary>
public static class WorkerCommand
{
    public static Command Create(TextWriter output)
    {
        var cluster = new Option<string>("--cluster")
        {
            Description = "localhost (learner and workers on this machine) or a cluster file (membership, ids, addresses, TLS; see README).",
            DefaultValueFactory = _ => ClusterSettings.Localhost,
        };
        var port = new Option<int?>("--port") { Description = "This worker's silo port (default: the cluster file's, else a free one)." };
        var command = new Command("worker", "Run a remote rollout worker: it joins the cluster, waits for a learner ('hyperrl train " +
                                            "--remote-workers N'), builds the run's envs and collects rollouts with the policy versions " +
                                            "it is sent, until Ctrl+C. Start it before or after the learner.\n\nExamples:\n" +
                                            "  hyperrl worker --cluster localhost\n" +
                                            "  hyperrl worker --cluster cluster.json")
        {
            cluster, port,
        };
        command.SetAction(parse =>
        {
            var settings = ClusterSettings.Resolve(parse.GetValue(cluster)!);
            if (parse.GetValue(port) is int p && p is < 1 or > 65535) throw new ArgumentException($"--port {p} is not between 1 and 65535");
            using var signals = new StopSignals(() => Console.Error.WriteLine("stopping the worker ..."));
            WorkerSilo.Run(settings, parse.GetValue(port), line => output.WriteLine(line), signals.Token);
            return 0;
        });
        return command;
    }
}
