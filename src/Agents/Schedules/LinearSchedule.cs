namespace HyperRL.Agents.Schedules;

/// <summary>Interpolates linearly from <see cref="Start"/> to <see cref="End"/> over the first <see cref="Fraction"/>
/// of training, then stays at <see cref="End"/> (SB3's linear schedule / CleanRL's <c>linear_schedule</c>).</summary>
public sealed record LinearSchedule(double Start, double End, double Fraction = 1.0)
{
    /// <param name="progress">Fraction of training done, in [0, 1].</param>
    public double At(double progress)
    {
        if (Fraction <= 0) return End;
        double t = Math.Clamp(progress / Fraction, 0, 1);
        return Start + (End - Start) * t;
    }
}
