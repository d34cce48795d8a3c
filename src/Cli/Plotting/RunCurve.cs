namespace HyperRL.Cli.Plotting;

/// <summary>One run's curve: x (steps or seconds) and y values, with the label that groups runs (e.g. the conditioning scheme).</summary>
public sealed record RunCurve(string RunDirectory, string Label, double[] X, double[] Y);
