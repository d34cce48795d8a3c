namespace HyperRL.Agents.Experiments;

/// <summary>What the shaded band around a group's mean curve spans.</summary>
public enum CurveBand { MinMax, Std }
