using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Goal;

/// <summary>
/// A goal-conditioned task: a point mass in the arena [-1, 1]^2 pushed by a force, which must reach a goal it
/// cannot see. The observation is [x, y, vx, vy] only; the goal (goal_x, goal_y) is the descriptor, so a policy
/// has to read it from there (the hypernetwork's conditioning signal).
/// <para>Goal rule: unless <see cref="EnvOptions.Randomize"/> is given, every goal coordinate not fixed in
/// <see cref="EnvOptions.Parameters"/> is re-sampled uniformly over its whole range at every reset. Pass a
/// <see cref="ParameterDistribution"/> (an empty one fixes the goal at its defaults) to take control.</para>
/// <para>Dynamics: v += dt (a u - drag v), p += dt v with u the action (clipped to [-1, 1] per axis), dt 0.1,
/// a = drag = 2, so each speed component stays within [-1, 1]; walls stop the mass. Reward: minus the distance to
/// the goal after the step; the step that passes within <see cref="GoalRadius"/> of the goal pays
/// <see cref="SuccessReward"/> instead and terminates. Registered with a 200-step limit.</para>
/// </summary>
public sealed class PointMassGoalEnv : Env
{
    public const string ContinuousId = "PointMassGoal-v0";
    public const string DiscreteId = "PointMassGoalDiscrete-v0";
    public const int MaxEpisodeSteps = 200;

    public const double Dt = 0.1;
    public const double Acceleration = 2.0;
    public const double Drag = 2.0;
    public const double GoalRadius = 0.05;
    public const float SuccessReward = 10f;

    /// <summary>Starts closer than this to the goal are redrawn, so no episode is won without moving.</summary>
    public const double MinStartDistance = 0.2;

    public const int GoalXIndex = 0;
    public const int GoalYIndex = 1;

    public static readonly DescriptorSpec Spec = new("PointMassGoal",
        new DescriptorParameter("goal_x", 0.5, -0.9, 0.9, "goal x coordinate"),
        new DescriptorParameter("goal_y", 0.5, -0.9, 0.9, "goal y coordinate"));

    private static readonly Box ObsSpace = Box.Uniform(-1, 1, 4);

    private double _x, _y, _vx, _vy;

    public PointMassGoalEnv(EnvOptions? options = null, bool discrete = false) : base(Spec, WithGoalSampling(options))
    {
        ActionSpace = discrete ? new Discrete(5) : Box.Uniform(-1, 1, 2);
        Id = discrete ? DiscreteId : ContinuousId;
    }

    public override string Id { get; }
    public override Box ObservationSpace => ObsSpace;

    /// <summary>Continuous: force [ux, uy] in [-1, 1]^2. Discrete: 0 none, 1 left, 2 right, 3 down, 4 up.</summary>
    public override Space ActionSpace { get; }

    public double GoalX => Descriptor[GoalXIndex];
    public double GoalY => Descriptor[GoalYIndex];

    /// <summary>Where the point mass is now (for drawing; the observation holds the same values as floats).</summary>
    public (double X, double Y) Position => (_x, _y);

    /// <summary>The default goal sampling described on the class: full ranges for coordinates not fixed.</summary>
    public static EnvOptions WithGoalSampling(EnvOptions? options)
    {
        options ??= EnvOptions.Default;
        if (options.Randomize is not null) return options;
        var train = new Dictionary<string, ParameterRange>();
        foreach (var p in Spec.Parameters)
        {
            if (options.Parameters?.ContainsKey(p.Name) != true) train[p.Name] = new ParameterRange(p.Min, p.Max);
        }
        return options with { Randomize = new ParameterDistribution { Train = train } };
    }

    public override bool SupportsStateSnapshot => true;

    protected override void SaveStateCore(BinaryWriter writer)
    {
        writer.Write(_x);
        writer.Write(_y);
        writer.Write(_vx);
        writer.Write(_vy);
    }

    protected override void LoadStateCore(BinaryReader reader)
    {
        _x = reader.ReadDouble();
        _y = reader.ReadDouble();
        _vx = reader.ReadDouble();
        _vy = reader.ReadDouble();
    }

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        // Bounded redraws keep reset's cost fixed; with goals inside [-0.9, 0.9]^2 the first draw almost always fits.
        for (int attempt = 0; attempt < 64; attempt++)
        {
            _x = Rng.Uniform(-1, 1);
            _y = Rng.Uniform(-1, 1);
            if (Distance(_x, _y) >= MinStartDistance) break;
        }
        if (Distance(_x, _y) < MinStartDistance) _x = GoalX > 0 ? GoalX - 2 * MinStartDistance : GoalX + 2 * MinStartDistance;
        _vx = _vy = 0;
        Write(observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        double ux, uy;
        if (ActionSpace is Discrete)
        {
            (ux, uy) = discreteAction switch
            {
                1 => (-1.0, 0.0),
                2 => (1.0, 0.0),
                3 => (0.0, -1.0),
                4 => (0.0, 1.0),
                _ => (0.0, 0.0),
            };
        }
        else
        {
            ux = Math.Clamp((double)continuousAction[0], -1, 1);
            uy = Math.Clamp((double)continuousAction[1], -1, 1);
        }

        double x0 = _x, y0 = _y;
        _vx += Dt * (Acceleration * ux - Drag * _vx);
        _vy += Dt * (Acceleration * uy - Drag * _vy);
        _x += Dt * _vx;
        _y += Dt * _vy;
        Wall(ref _x, ref _vx);
        Wall(ref _y, ref _vy);
        Write(observation);

        // Judge the whole move, not just where it ends: at full speed a step covers twice the goal radius.
        if (SegmentDistance(x0, y0, _x, _y) <= GoalRadius) return new StepOutcome(SuccessReward, true, false);
        return new StepOutcome((float)-Distance(_x, _y), false, false);
    }

    private static void Wall(ref double position, ref double velocity)
    {
        if (position > 1)
        {
            position = 1;
            velocity = Math.Min(velocity, 0);
        }
        else if (position < -1)
        {
            position = -1;
            velocity = Math.Max(velocity, 0);
        }
    }

    private double Distance(double x, double y)
    {
        double dx = x - GoalX, dy = y - GoalY;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private double SegmentDistance(double x0, double y0, double x1, double y1)
    {
        double sx = x1 - x0, sy = y1 - y0;
        double length2 = sx * sx + sy * sy;
        double t = length2 > 0 ? Math.Clamp(((GoalX - x0) * sx + (GoalY - y0) * sy) / length2, 0, 1) : 0;
        return Distance(x0 + t * sx, y0 + t * sy);
    }

    private void Write(Span<float> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_y;
        observation[2] = (float)_vx;
        observation[3] = (float)_vy;
    }
}
