using System.Runtime.CompilerServices;
using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.ClassicControl;

/// <summary>
/// Gymnasium's Pendulum-v1: apply a torque to swing a pendulum upright and keep it there. Reward
/// -(angle_normalize(th)^2 + 0.1 thdot^2 + 0.001 u^2); never terminates (the 200-step limit truncates).
/// A port of Gymnasium's update with float64 state [th, thdot] and float32 observations [cos th, sin th, thdot].
/// The action space is fixed at [-2, 2] (Gymnasium's [-max_torque, max_torque] at the default max_torque): the
/// action is clipped to it and scaled by max_torque / 2, so the applied torque u always lies in
/// [-max_torque, max_torque] and the whole action space stays meaningful when max_torque is randomized.
/// At the default the scale is exactly 1, reproducing Gymnasium. actuator_gain then multiplies the torque the
/// physics receive (negative inverts it) while the action cost keeps charging u, the clipped command the agent sent.
/// </summary>
public sealed class PendulumEnv : Env, IPhysicalState
{
    public const string EnvId = "Pendulum-v1";

    private const float ActionBound = 2f;
    private const double MaxSpeed = 8.0;
    private const double Dt = 0.05;
    private const double TwoPi = 2 * Math.PI;

    private static readonly Box s_observationSpace = new(new[] { -1f, -1f, (float)-MaxSpeed }, new[] { 1f, 1f, (float)MaxSpeed });
    private static readonly Box s_actionSpace = new(new[] { -ActionBound }, new[] { ActionBound });

    // Gymnasium's 3 * g / (2 * l) and 3.0 / (m * l**2), evaluated in its order.
    private double _gravityTerm;
    private double _torqueTerm;
    private double _torqueScale;
    private double _actuatorGain;

    private double _th;
    private double _thdot;

    public PendulumEnv(EnvOptions? options = null) : base(PendulumDescriptor.Spec, options) => LoadParameters();

    public override string Id => EnvId;
    public override Box ObservationSpace => s_observationSpace;
    public override Space ActionSpace => s_actionSpace;

    /// <summary>Its physical state (<see cref="GetState"/>) is all it carries besides the descriptor and generator.</summary>
    public override bool SupportsStateSnapshot => true;

    public double[] GetState() => new[] { _th, _thdot };

    public void SetState(ReadOnlySpan<double> state)
    {
        PhysicalStateGuard.Check(EnvId, state, "th, thdot", 2);
        _th = state[0];
        _thdot = state[1];
        BeginEpisodeFromState();
    }

    protected override void OnDescriptorChanged() => LoadParameters();

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _th = Rng.Uniform(-Math.PI, Math.PI);
        _thdot = Rng.Uniform(-1.0, 1.0);
        WriteObservation(observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        // Gymnasium clips the float32 action, then (numpy 1.24) mixes it with Python floats in float64.
        double u = Math.Clamp(continuousAction[0], -ActionBound, ActionBound) * _torqueScale;
        double th = _th;
        double thdot = _thdot;
        double angle = AngleNormalize(th);
        double costs = angle * angle + 0.1 * (thdot * thdot) + 0.001 * (u * u);

        // The gain acts on the physics only: the cost charges the command the agent sent, as Gymnasium's does.
        double applied = _actuatorGain * u;
        double newthdot = thdot + (_gravityTerm * Math.Sin(th) + _torqueTerm * applied) * Dt;
        newthdot = Math.Clamp(newthdot, -MaxSpeed, MaxSpeed);
        _th = th + newthdot * Dt;
        _thdot = newthdot;

        WriteObservation(observation);
        return new StepOutcome((float)-costs, false, false);
    }

    /// <summary>((x + pi) mod 2 pi) - pi with Python's floored modulo (the result takes the divisor's sign).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AngleNormalize(double x)
    {
        double r = (x + Math.PI) % TwoPi;
        if (r < 0) r += TwoPi;
        return r - Math.PI;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteObservation(Span<float> observation)
    {
        var (sin, cos) = Math.SinCos(_th);
        observation[2] = (float)_thdot;
        observation[1] = (float)sin;
        observation[0] = (float)cos;
    }

    private void LoadParameters()
    {
        ReadOnlySpan<double> d = Descriptor;
        double g = d[PendulumDescriptor.G];
        double m = d[PendulumDescriptor.M];
        double l = d[PendulumDescriptor.L];
        _gravityTerm = 3 * g / (2 * l);
        _torqueTerm = 3.0 / (m * (l * l));
        _torqueScale = d[PendulumDescriptor.MaxTorque] / ActionBound;
        _actuatorGain = d[PendulumDescriptor.ActuatorGain];
    }
}
