using System.CommandLine;
using System.Globalization;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl random</c>: runs episodes with a uniformly random policy (a baseline and a smoke test).</summary>
public static class RandomCommand
{
    public static Command Create(TextWriter output)
    {
        var envOption = new Option<string>("--env") { Description = "Env id (see 'hyperrl envs').", DefaultValueFactory = _ => "CartPole-v1" };
        var episodesOption = new Option<int>("--episodes") { Description = "Number of episodes.", DefaultValueFactory = _ => 5 };
        var seedOption = new Option<int>("--seed") { Description = "Seed of the first episode (episode k uses seed+k).", DefaultValueFactory = _ => 0 };
        var continuousOption = new Option<bool>("--continuous") { Description = "Continuous actions (LunarLander)." };
        var command = new Command("random", "Run episodes with a uniformly random policy and print their returns.\n\nExamples:\n  hyperrl random --env CartPole-v1 --episodes 3\n  hyperrl random --env LunarLander-v3 --continuous --seed 7")
        {
            envOption, episodesOption, seedOption, continuousOption,
        };
        command.SetAction(parse =>
        {
            string id = parse.GetValue(envOption)!;
            int episodes = parse.GetValue(episodesOption);
            if (episodes < 1) throw new ArgumentException("--episodes must be at least 1.");
            int seed = parse.GetValue(seedOption);
            var env = EnvRegistry.Make(id, new EnvOptions { Continuous = parse.GetValue(continuousOption) });
            var rng = new Rng((ulong)seed);
            double total = 0;
            for (int k = 0; k < episodes; k++)
            {
                env.Reset(seed + k);
                double episodeReturn = 0;
                int length = 0;
                while (true)
                {
                    var step = env.ActionSpace is Discrete d ? env.Step(d.Sample(rng)) : env.Step(((Box)env.ActionSpace).Sample(rng));
                    episodeReturn += step.Reward;
                    length++;
                    if (step.Done) break;
                }
                total += episodeReturn;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"episode {k}: return {episodeReturn:F2}, length {length}"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}: mean return of a random policy over {episodes} episodes: {total / episodes:F2}"));
            return 0;
        });
        return command;
    }
}
