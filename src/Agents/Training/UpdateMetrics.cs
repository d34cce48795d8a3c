namespace HyperRL.Agents.Training;

/// <summary>One row of a run's metrics: the values logged after one update (PPO) or one logging interval (DQN).</summary>
public sealed record UpdateMetrics(long Step, int Update, double Seconds, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    public double this[string name] => Values.First(v => v.Key == name).Value;

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
