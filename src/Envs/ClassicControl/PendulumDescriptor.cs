using HyperRL.Envs.Descriptors;

namespace HyperRL.Envs.ClassicControl;

/// <summary>
/// Pendulum's physical parameters; the defaults are Gymnasium's constants. The action space stays [-2, 2] whatever
/// max_torque is: an action is a command scaled by max_torque / 2 (see <see cref="PendulumEnv"/>).
/// </summary>
public static class PendulumDescriptor
{
    public const int G = 0;
    public const int M = 1;
    public const int L = 2;
    public const int MaxTorque = 3;
    public const int ActuatorGain = 4;

    public static readonly DescriptorSpec Spec = new(
        "Pendulum",
        new DescriptorParameter("g", 10.0, 2.5, 40.0, "Gravitational acceleration in m/s^2 (Gymnasium: g)."),
        new DescriptorParameter("m", 1.0, 0.25, 4.0, "Mass of the pendulum in kg (Gymnasium: m)."),
        new DescriptorParameter("l", 1.0, 0.25, 4.0, "Length of the pendulum in m (Gymnasium: l)."),
        new DescriptorParameter("max_torque", 2.0, 0.5, 8.0,
            "Torque in N*m applied at the action bound 2; actions are scaled by max_torque / 2 (Gymnasium: max_torque)."),
        // Last so that older descriptor indices keep their meaning.
        new DescriptorParameter("actuator_gain", 1.0, -4.0, 4.0, "Multiplies the action's effect; negative values invert the actuator (1 = Gymnasium)."));
}
