using HyperRL.Envs.Descriptors;

namespace HyperRL.Envs.ClassicControl;

/// <summary>CartPole's physical parameters; the defaults are Gymnasium's constants.</summary>
public static class CartPoleDescriptor
{
    public const int Gravity = 0;
    public const int CartMass = 1;
    public const int PoleMass = 2;
    public const int PoleLength = 3;
    public const int ForceMag = 4;
    public const int ActuatorGain = 5;

    public static readonly DescriptorSpec Spec = new(
        "CartPole",
        new DescriptorParameter("gravity", 9.8, 2.45, 39.2, "Gravitational acceleration in m/s^2 (Gymnasium: gravity)."),
        new DescriptorParameter("cart_mass", 1.0, 0.25, 4.0, "Mass of the cart in kg (Gymnasium: masscart)."),
        new DescriptorParameter("pole_mass", 0.1, 0.025, 0.4, "Mass of the pole in kg (Gymnasium: masspole)."),
        new DescriptorParameter("pole_length", 0.5, 0.125, 2.0,
            "HALF the pole's length in m, i.e. pivot to centre of mass (Gymnasium: length, 'actually half the pole's length')."),
        new DescriptorParameter("force_mag", 10.0, 2.5, 40.0, "Magnitude of the force each action pushes the cart with, in N (Gymnasium: force_mag)."),
        // Last so that older descriptor indices keep their meaning.
        new DescriptorParameter("actuator_gain", 1.0, -4.0, 4.0, "Multiplies the action's effect; negative values invert the actuator (1 = Gymnasium)."));
}
