namespace HyperRL.Agents.Training;

/// <summary>What an algorithm logs after one update (PPO) or one logging interval (off-policy): its step, update count,
/// training seconds so far and its own diagnostics, in column order.</summary>
public sealed record UpdateMetrics(long Step, int Update, double Seconds, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    public bool TryGet(string name, out double value)
    {
        foreach (var (key, v) in Values)
        {
            if (key == name)
            {
                value = v;
                return true;
            }
        }
        value = double.NaN;
        return false;
    }
}
