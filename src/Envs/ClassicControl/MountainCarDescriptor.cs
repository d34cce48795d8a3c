using HyperRL.Envs.Descriptors;

namespace HyperRL.Envs.ClassicControl;

/// <summary>MountainCar's physical parameters; the defaults are Gymnasium's constants.</summary>
public static class MountainCarDescriptor
{
    public const int Force = 0;
    public const int Gravity = 1;

    public static readonly DescriptorSpec Spec = new(
        "MountainCar",
        new DescriptorParameter("force", 0.001, 0.00025, 0.004, "Velocity change per step from the engine (Gymnasium: force)."),
        new DescriptorParameter("gravity", 0.0025, 0.000625, 0.01,
            "Velocity change per step from gravity, scaled by the slope cos(3 * position) (Gymnasium: gravity)."));
}
