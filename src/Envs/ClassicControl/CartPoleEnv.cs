using System.Runtime.CompilerServices;
using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.ClassicControl;

/// <summary>
/// Gymnasium's CartPole-v1: push a cart left (0) or right (1) to keep the pole upright. Reward 1 per step, the
/// terminating one included; the episode terminates when |x| &gt; 2.4 or |theta| &gt; 12 degrees.
/// A port of Gymnasium's equations with its euler integrator, float64 state and float32 observations, so the
/// default parameters reproduce its trajectories; the parameters come from <see cref="CartPoleDescriptor"/>.
/// </summary>
public sealed class CartPoleEnv : Env, IPhysicalState
{
    public const string EnvId = "CartPole-v1";

    private const double Tau = 0.02;
    private const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;
    private const double XThreshold = 2.4;
    private const double ResetBound = 0.05;

    private static readonly Box s_observationSpace = new(
        new[] { (float)(-XThreshold * 2), -float.MaxValue, (float)(-ThetaThresholdRadians * 2), -float.MaxValue },
        new[] { (float)(XThreshold * 2), float.MaxValue, (float)(ThetaThresholdRadians * 2), float.MaxValue });

    private static readonly Discrete s_actionSpace = new(2);

    // Parameters of the current episode and Gymnasium's derived constants, computed as Gymnasium does so the
    // default parameters give bit-identical float64 trajectories.
    private double _gravity;
    private double _masspole;
    private double _totalMass;
    private double _length;
    private double _polemassLength;
    private double _forceMag;
    // actuator_gain * force_mag: the signed force of action 1 (gain 1 leaves Gymnasium's force_mag bit-identical).
    private double _appliedForce;

    private double _x;
    private double _xDot;
    private double _theta;
    private double _thetaDot;

    public CartPoleEnv(EnvOptions? options = null) : base(CartPoleDescriptor.Spec, options) => LoadParameters();

    public override string Id => EnvId;
    public override Box ObservationSpace => s_observationSpace;
    public override Space ActionSpace => s_actionSpace;

    /// <summary>Its physical state (<see cref="GetState"/>) is all it carries besides the descriptor and generator.</summary>
    public override bool SupportsStateSnapshot => true;

    public double[] GetState() => new[] { _x, _xDot, _theta, _thetaDot };

    public void SetState(ReadOnlySpan<double> state)
    {
        PhysicalStateGuard.Check(EnvId, state, "x, x_dot, theta, theta_dot", 4);
        _x = state[0];
        _xDot = state[1];
        _theta = state[2];
        _thetaDot = state[3];
        BeginEpisodeFromState();
    }

    protected override void OnDescriptorChanged() => LoadParameters();

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _x = Rng.Uniform(-ResetBound, ResetBound);
        _xDot = Rng.Uniform(-ResetBound, ResetBound);
        _theta = Rng.Uniform(-ResetBound, ResetBound);
        _thetaDot = Rng.Uniform(-ResetBound, ResetBound);
        WriteObservation(observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        double force = discreteAction == 1 ? _appliedForce : -_appliedForce;
        var (sintheta, costheta) = Math.SinCos(_theta);

        // https://coneural.org/florian/papers/05_cart_pole.pdf; operand order kept from Gymnasium for bit-exactness.
        double temp = (force + _polemassLength * (_thetaDot * _thetaDot) * sintheta) / _totalMass;
        double thetaacc = (_gravity * sintheta - costheta * temp)
                          / (_length * (4.0 / 3.0 - _masspole * (costheta * costheta) / _totalMass));
        double xacc = temp - _polemassLength * thetaacc * costheta / _totalMass;

        // Explicit euler: positions advance with the velocities of the previous step.
        _x += Tau * _xDot;
        _xDot += Tau * xacc;
        _theta += Tau * _thetaDot;
        _thetaDot += Tau * thetaacc;

        bool terminated = _x < -XThreshold || _x > XThreshold
                          || _theta < -ThetaThresholdRadians || _theta > ThetaThresholdRadians;
        WriteObservation(observation);
        return new StepOutcome(1f, terminated, false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteObservation(Span<float> observation)
    {
        observation[3] = (float)_thetaDot;
        observation[2] = (float)_theta;
        observation[1] = (float)_xDot;
        observation[0] = (float)_x;
    }

    private void LoadParameters()
    {
        ReadOnlySpan<double> d = Descriptor;
        _gravity = d[CartPoleDescriptor.Gravity];
        double masscart = d[CartPoleDescriptor.CartMass];
        _masspole = d[CartPoleDescriptor.PoleMass];
        _length = d[CartPoleDescriptor.PoleLength];
        _forceMag = d[CartPoleDescriptor.ForceMag];
        _appliedForce = d[CartPoleDescriptor.ActuatorGain] * _forceMag;
        _totalMass = _masspole + masscart;
        _polemassLength = _masspole * _length;
    }
}
