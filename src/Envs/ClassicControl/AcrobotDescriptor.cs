using HyperRL.Envs.Descriptors;

namespace HyperRL.Envs.ClassicControl;

/// <summary>
/// Acrobot's physical parameters; the defaults are Gymnasium's constants. Off the defaults, each link's centre of
/// mass stays at half its length and its moment of inertia scales with mass * length^2 (both reduce to Gymnasium's
/// constants 0.5 and 1.0 at the defaults).
/// </summary>
public static class AcrobotDescriptor
{
    public const int LinkLength1 = 0;
    public const int LinkLength2 = 1;
    public const int LinkMass1 = 2;
    public const int LinkMass2 = 3;
    public const int ActuatorGain = 4;

    public static readonly DescriptorSpec Spec = new(
        "Acrobot",
        new DescriptorParameter("link_length_1", 1.0, 0.25, 4.0, "Length of the first (actuated-from-base) link in m (Gymnasium: LINK_LENGTH_1)."),
        new DescriptorParameter("link_length_2", 1.0, 0.25, 4.0, "Length of the second link in m (Gymnasium: LINK_LENGTH_2)."),
        new DescriptorParameter("link_mass_1", 1.0, 0.25, 4.0, "Mass of the first link in kg (Gymnasium: LINK_MASS_1)."),
        new DescriptorParameter("link_mass_2", 1.0, 0.25, 4.0, "Mass of the second link in kg (Gymnasium: LINK_MASS_2)."),
        // Last so that older descriptor indices keep their meaning.
        new DescriptorParameter("actuator_gain", 1.0, -4.0, 4.0, "Multiplies the action's effect; negative values invert the actuator (1 = Gymnasium)."));
}
