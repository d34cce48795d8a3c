namespace HyperRL.Envs.Descriptors;

/// <summary>One physical parameter (or goal coordinate) of an env family, with its default and valid range.</summary>
public sealed record DescriptorParameter(string Name, double Default, double Min, double Max, string Description)
{
    public bool InRange(double value) => value >= Min && value <= Max;
}
