namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// Generalized advantage estimation (Schulman et al. 2016) over a rollout of T steps x N envs, stored row-major
/// [t * N + i]. <c>dones[t, i]</c> means the episode of env i ended AT step t (terminated or truncated): the next
/// row belongs to a new episode. Truncation is bootstrapped beforehand by adding gamma * V(final observation) to
/// the reward of the truncating step, so here every end cuts the recursion.
/// </summary>
public static class Gae
{
    public static void Compute(
        ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, ReadOnlySpan<bool> dones, ReadOnlySpan<float> lastValues,
        int numSteps, int numEnvs, double gamma, double lambda, Span<float> advantages, Span<float> returns)
    {
        int size = numSteps * numEnvs;
        if (rewards.Length != size || values.Length != size || dones.Length != size || advantages.Length != size || returns.Length != size)
            throw new ArgumentException($"GAE buffers must all hold {numSteps}x{numEnvs} = {size} values.");
        if (lastValues.Length != numEnvs) throw new ArgumentException($"GAE needs {numEnvs} bootstrap values, got {lastValues.Length}.");

        for (int i = 0; i < numEnvs; i++)
        {
            double lastGaeLam = 0;
            for (int t = numSteps - 1; t >= 0; t--)
            {
                int k = t * numEnvs + i;
                double nextNonTerminal = dones[k] ? 0.0 : 1.0;
                double nextValue = t == numSteps - 1 ? lastValues[i] : values[k + numEnvs];
                double delta = rewards[k] + gamma * nextValue * nextNonTerminal - values[k];
                lastGaeLam = delta + gamma * lambda * nextNonTerminal * lastGaeLam;
                advantages[k] = (float)lastGaeLam;
                returns[k] = (float)(lastGaeLam + values[k]);
            }
        }
    }
}
