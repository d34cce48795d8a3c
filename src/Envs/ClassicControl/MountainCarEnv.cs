using System.Runtime.CompilerServices;
using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.ClassicControl;

/// <summary>
/// Gymnasium's MountainCar-v0: accelerate left (0), not at all (1) or right (2) to drive an underpowered car up the
/// right hill. Reward -1 per step; terminates at position &gt;= 0.5 with velocity &gt;= 0.
/// A port of Gymnasium's update with float64 state [position, velocity] and float32 observations; parameters come
/// from <see cref="MountainCarDescriptor"/>.
/// </summary>
public sealed class MountainCarEnv : Env, IPhysicalState
{
    public const string EnvId = "MountainCar-v0";

    private const double MinPosition = -1.2;
    private const double MaxPosition = 0.6;
    private const double MaxSpeed = 0.07;
    private const double GoalPosition = 0.5;
    private const double GoalVelocity = 0.0;

    private static readonly Box s_observationSpace = new(
        new[] { (float)MinPosition, (float)-MaxSpeed },
        new[] { (float)MaxPosition, (float)MaxSpeed });

    private static readonly Discrete s_actionSpace = new(3);

    private double _force;
    private double _negGravity;

    private double _position;
    private double _velocity;

    public MountainCarEnv(EnvOptions? options = null) : base(MountainCarDescriptor.Spec, options) => LoadParameters();

    public override string Id => EnvId;
    public override Box ObservationSpace => s_observationSpace;
    public override Space ActionSpace => s_actionSpace;

    /// <summary>Its physical state (<see cref="GetState"/>) is all it carries besides the descriptor and generator.</summary>
    public override bool SupportsStateSnapshot => true;

    public double[] GetState() => new[] { _position, _velocity };

    public void SetState(ReadOnlySpan<double> state)
    {
        PhysicalStateGuard.Check(EnvId, state, "position, velocity", 2);
        _position = state[0];
        _velocity = state[1];
        BeginEpisodeFromState();
    }

    protected override void OnDescriptorChanged() => LoadParameters();

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _position = Rng.Uniform(-0.6, -0.4);
        _velocity = 0.0;
        WriteObservation(observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        // Gymnasium's "velocity += a + b" sums the engine and gravity terms before adding them.
        double velocity = _velocity + ((discreteAction - 1) * _force + Math.Cos(3 * _position) * _negGravity);
        velocity = Math.Clamp(velocity, -MaxSpeed, MaxSpeed);
        double position = Math.Clamp(_position + velocity, MinPosition, MaxPosition);
        // The left edge is an inelastic wall.
        if (position == MinPosition && velocity < 0) velocity = 0.0;
        _position = position;
        _velocity = velocity;

        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        WriteObservation(observation);
        return new StepOutcome(-1f, terminated, false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteObservation(Span<float> observation)
    {
        observation[1] = (float)_velocity;
        observation[0] = (float)_position;
    }

    private void LoadParameters()
    {
        ReadOnlySpan<double> d = Descriptor;
        _force = d[MountainCarDescriptor.Force];
        _negGravity = -d[MountainCarDescriptor.Gravity];
    }
}
