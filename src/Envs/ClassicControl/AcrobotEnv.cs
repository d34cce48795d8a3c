using System.Runtime.CompilerServices;
using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.ClassicControl;

/// <summary>
/// Gymnasium's Acrobot-v1: apply torque -1, 0 or +1 (actions 0, 1, 2) at the joint between the two links to swing
/// the free end above the target height. Reward -1 per step, 0 on the terminating step.
/// A port of Gymnasium's "book" dynamics (no torque noise) integrated with one rk4 step of dt = 0.2, with angles
/// wrapped to [-pi, pi] and velocities bounded; float64 state, float32 observations
/// [cos th1, sin th1, cos th2, sin th2, dth1, dth2]. Parameters come from <see cref="AcrobotDescriptor"/>.
/// </summary>
public sealed class AcrobotEnv : Env, IPhysicalState
{
    public const string EnvId = "Acrobot-v1";

    private const double Dt = 0.2;
    private const double G = 9.8;
    private const double LinkComFraction = 0.5;
    private const double LinkMoi = 1.0;
    private const double MaxVel1 = 4 * Math.PI;
    private const double MaxVel2 = 9 * Math.PI;
    private const double ResetBound = 0.1;

    private static readonly Box s_observationSpace = new(
        new[] { -1f, -1f, -1f, -1f, (float)-MaxVel1, (float)-MaxVel2 },
        new[] { 1f, 1f, 1f, 1f, (float)MaxVel1, (float)MaxVel2 });

    private static readonly Discrete s_actionSpace = new(3);

    // Products of parameters that Gymnasium's _dsdt evaluates first (left to right), hoisted out of the step;
    // each is computed in Gymnasium's order so the default parameters give bit-identical trajectories.
    private double _m2;
    private double _i1;
    private double _i2;
    private double _m1Lc1Sq;          // m1 * lc1**2
    private double _l1SqPlusLc2Sq;    // l1**2 + lc2**2
    private double _twoL1Lc2;         // 2 * l1 * lc2
    private double _lc2Sq;            // lc2**2
    private double _l1Lc2;            // l1 * lc2
    private double _m2Lc2G;           // m2 * lc2 * g
    private double _negM2L1Lc2;       // -m2 * l1 * lc2
    private double _twoM2L1Lc2;       // 2 * m2 * l1 * lc2
    private double _m1Lc1PlusM2L1G;   // (m1 * lc1 + m2 * l1) * g
    private double _m2L1Lc2;          // m2 * l1 * lc2
    private double _m2Lc2SqPlusI2;    // m2 * lc2**2 + I2
    private double _l1;
    private double _l2;
    private double _targetHeight;
    private double _actuatorGain;

    private double _theta1;
    private double _theta2;
    private double _dtheta1;
    private double _dtheta2;

    public AcrobotEnv(EnvOptions? options = null) : base(AcrobotDescriptor.Spec, options) => LoadParameters();

    public override string Id => EnvId;
    public override Box ObservationSpace => s_observationSpace;
    public override Space ActionSpace => s_actionSpace;

    /// <summary>Its physical state (<see cref="GetState"/>) is all it carries besides the descriptor and generator.</summary>
    public override bool SupportsStateSnapshot => true;

    public double[] GetState() => new[] { _theta1, _theta2, _dtheta1, _dtheta2 };

    public void SetState(ReadOnlySpan<double> state)
    {
        PhysicalStateGuard.Check(EnvId, state, "theta1, theta2, dtheta1, dtheta2", 4);
        _theta1 = state[0];
        _theta2 = state[1];
        _dtheta1 = state[2];
        _dtheta2 = state[3];
        BeginEpisodeFromState();
    }

    protected override void OnDescriptorChanged() => LoadParameters();

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        // Gymnasium draws the initial state as float32 (astype(np.float32)); the rounding is kept.
        _theta1 = (float)Rng.Uniform(-ResetBound, ResetBound);
        _theta2 = (float)Rng.Uniform(-ResetBound, ResetBound);
        _dtheta1 = (float)Rng.Uniform(-ResetBound, ResetBound);
        _dtheta2 = (float)Rng.Uniform(-ResetBound, ResetBound);
        WriteObservation(observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        double torque = _actuatorGain * (discreteAction - 1.0);

        // Gymnasium's rk4 over t = [0, dt] (a single step); the torque is constant over it.
        const double dt2 = Dt / 2.0;
        double y0 = _theta1, y1 = _theta2, y2 = _dtheta1, y3 = _dtheta2;
        Dsdt(y0, y1, y2, y3, torque, out double k1a, out double k1b);
        double k1_0 = y2, k1_1 = y3;
        double s0 = y0 + dt2 * k1_0, s1 = y1 + dt2 * k1_1, s2 = y2 + dt2 * k1a, s3 = y3 + dt2 * k1b;
        Dsdt(s0, s1, s2, s3, torque, out double k2a, out double k2b);
        double k2_0 = s2, k2_1 = s3;
        s0 = y0 + dt2 * k2_0; s1 = y1 + dt2 * k2_1; s2 = y2 + dt2 * k2a; s3 = y3 + dt2 * k2b;
        Dsdt(s0, s1, s2, s3, torque, out double k3a, out double k3b);
        double k3_0 = s2, k3_1 = s3;
        s0 = y0 + Dt * k3_0; s1 = y1 + Dt * k3_1; s2 = y2 + Dt * k3a; s3 = y3 + Dt * k3b;
        Dsdt(s0, s1, s2, s3, torque, out double k4a, out double k4b);
        double k4_0 = s2, k4_1 = s3;

        const double sixth = Dt / 6.0;
        double n0 = y0 + sixth * (k1_0 + 2 * k2_0 + 2 * k3_0 + k4_0);
        double n1 = y1 + sixth * (k1_1 + 2 * k2_1 + 2 * k3_1 + k4_1);
        double n2 = y2 + sixth * (k1a + 2 * k2a + 2 * k3a + k4a);
        double n3 = y3 + sixth * (k1b + 2 * k2b + 2 * k3b + k4b);

        _theta1 = Wrap(n0);
        _theta2 = Wrap(n1);
        _dtheta1 = Math.Min(Math.Max(n2, -MaxVel1), MaxVel1);
        _dtheta2 = Math.Min(Math.Max(n3, -MaxVel2), MaxVel2);

        // Gymnasium: -cos(th1) - cos(th2 + th1) > 1, the free end above one link length with unit links;
        // generalized as the tip height above half the full reach, which is the same test at the defaults.
        bool terminated = -_l1 * Math.Cos(_theta1) - _l2 * Math.Cos(_theta2 + _theta1) > _targetHeight;
        WriteObservation(observation);
        return new StepOutcome(terminated ? 0f : -1f, terminated, false);
    }

    /// <summary>Angular accelerations of Gymnasium's _dsdt ("book" equations); the angle rates are the inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Dsdt(double theta1, double theta2, double dtheta1, double dtheta2, double a,
        out double ddtheta1, out double ddtheta2)
    {
        var (sinTheta2, cosTheta2) = Math.SinCos(theta2);
        double d1 = _m1Lc1Sq + _m2 * (_l1SqPlusLc2Sq + _twoL1Lc2 * cosTheta2) + _i1 + _i2;
        double d2 = _m2 * (_lc2Sq + _l1Lc2 * cosTheta2) + _i2;
        double phi2 = _m2Lc2G * Math.Cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = _negM2L1Lc2 * (dtheta2 * dtheta2) * sinTheta2
                      - _twoM2L1Lc2 * dtheta2 * dtheta1 * sinTheta2
                      + _m1Lc1PlusM2L1G * Math.Cos(theta1 - Math.PI / 2)
                      + phi2;
        ddtheta2 = (a + d2 / d1 * phi1 - _m2L1Lc2 * (dtheta1 * dtheta1) * sinTheta2 - phi2)
                   / (_m2Lc2SqPlusI2 - d2 * d2 / d1);
        ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    }

    /// <summary>Gymnasium's wrap(x, -pi, pi): shifts by whole turns rather than using a remainder.</summary>
    private static double Wrap(double x)
    {
        const double diff = Math.PI - -Math.PI;
        while (x > Math.PI) x -= diff;
        while (x < -Math.PI) x += diff;
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteObservation(Span<float> observation)
    {
        var (sin1, cos1) = Math.SinCos(_theta1);
        var (sin2, cos2) = Math.SinCos(_theta2);
        observation[5] = (float)_dtheta2;
        observation[4] = (float)_dtheta1;
        observation[3] = (float)sin2;
        observation[2] = (float)cos2;
        observation[1] = (float)sin1;
        observation[0] = (float)cos1;
    }

    private void LoadParameters()
    {
        ReadOnlySpan<double> d = Descriptor;
        double l1 = d[AcrobotDescriptor.LinkLength1];
        double l2 = d[AcrobotDescriptor.LinkLength2];
        double m1 = d[AcrobotDescriptor.LinkMass1];
        double m2 = d[AcrobotDescriptor.LinkMass2];
        double lc1 = LinkComFraction * l1;
        double lc2 = LinkComFraction * l2;
        // Inertia scales with m * l^2 so heavier or longer links are harder to spin; 1.0 (Gymnasium's) at the defaults.
        double i1 = LinkMoi * m1 * (l1 * l1);
        double i2 = LinkMoi * m2 * (l2 * l2);

        _m2 = m2;
        _i1 = i1;
        _i2 = i2;
        _m1Lc1Sq = m1 * (lc1 * lc1);
        _l1SqPlusLc2Sq = l1 * l1 + lc2 * lc2;
        _twoL1Lc2 = 2 * l1 * lc2;
        _lc2Sq = lc2 * lc2;
        _l1Lc2 = l1 * lc2;
        _m2Lc2G = m2 * lc2 * G;
        _negM2L1Lc2 = -m2 * l1 * lc2;
        _twoM2L1Lc2 = 2 * m2 * l1 * lc2;
        _m1Lc1PlusM2L1G = (m1 * lc1 + m2 * l1) * G;
        _m2L1Lc2 = m2 * l1 * lc2;
        _m2Lc2SqPlusI2 = m2 * _lc2Sq + i2;
        _l1 = l1;
        _l2 = l2;
        _targetHeight = 0.5 * (l1 + l2);
        _actuatorGain = d[AcrobotDescriptor.ActuatorGain];
    }
}
