using System.Globalization;
using HyperRL.Envs.Descriptors;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// A continuous context feature as Kirk et al.'s protocol cuts it: train on [lower, mid], hold out the inner part
/// [lowerConstraint, mid] for combinations, extrapolate to [mid, upper]. CARL also accepts the four values in
/// decreasing order (extrapolating towards smaller values), so "lower" is a role, not necessarily the smallest value.
/// </summary>
public sealed record ContextFeature(string Name, double Lower, double LowerConstraint, double Mid, double Upper)
{
    // A field initializer so that direct construction is checked too, not only Parse.
    private readonly bool _checked = Check(Name, Lower, LowerConstraint, Mid, Upper,
        FormattableString.Invariant($"{Lower}:{LowerConstraint}:{Mid}:{Upper}"));

    public static ContextFeature Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':');
        var values = new double[parts.Length];
        bool numbers = parts.Length == 4 && parts.Select((p, i) =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok);
        if (!numbers) throw Invalid(name, text);
        Check(name, values[0], values[1], values[2], values[3], text);
        return new ContextFeature(name, values[0], values[1], values[2], values[3]);
    }

    public ParameterRange TrainRange => Between(Lower, Mid);
    public ParameterRange ConstraintRange => Between(Lower, LowerConstraint);
    public ParameterRange InnerRange => Between(LowerConstraint, Mid);
    public ParameterRange ExtrapolationRange => Between(Mid, Upper);

    // Ranges are sampled as [Low, High], so the reversed order is normalized here once rather than at every sampler.
    private static ParameterRange Between(double a, double b) => new(Math.Min(a, b), Math.Max(a, b));

    private static bool Check(string name, double lower, double lowerConstraint, double mid, double upper, string text)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"context feature '{text}' has no name.", nameof(name));
        // Written as comparisons that NaN fails, so a NaN value is rejected too.
        bool increasing = lower < lowerConstraint && lowerConstraint < mid && mid < upper;
        bool decreasing = lower > lowerConstraint && lowerConstraint > mid && mid > upper;
        if (!(increasing || decreasing) || !double.IsFinite(lower) || !double.IsFinite(upper)) throw Invalid(name, text);
        return true;
    }

    private static ArgumentException Invalid(string name, string text) => new(
        $"feature '{name}': '{text}' is not lower:lowerConstraint:mid:upper with the four values strictly increasing or strictly decreasing");
}
