using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;
using static HyperRL.Envs.Box2DLite.LunarLanderConstants;

namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// Gymnasium's LunarLander-v3 on a compact rigid-body simulation of its own (no Box2D): same terrain, engines,
/// dispersion, wind, observation, reward shaping and termination; the physics matches Box2D's in units and
/// magnitudes, not bit for bit. Discrete (4 actions) or continuous (<see cref="EnvOptions.Continuous"/>: main and
/// lateral throttle in [-1, 1]). The descriptor holds gravity, wind, turbulence and engine powers, read at reset.
/// </summary>
public sealed class LunarLanderEnv : Env
{
    public const string EnvId = "LunarLander-v3";

    public const int GravityIndex = 0;
    public const int WindPowerIndex = 1;
    public const int TurbulencePowerIndex = 2;
    public const int MainEnginePowerIndex = 3;
    public const int SideEnginePowerIndex = 4;

    /// <summary>Gravity must stay negative (Gymnasium asserts -12 &lt; g &lt; 0); a zero wind or turbulence power
    /// turns that disturbance off, which is Gymnasium's default (enable_wind=False).</summary>
    public static readonly DescriptorSpec Spec = new("LunarLander",
        new DescriptorParameter("gravity", -10, -12, -2, "vertical gravity (m/s^2)"),
        new DescriptorParameter("wind_power", 0, 0, 20, "peak horizontal wind force (N); 0 = no wind"),
        new DescriptorParameter("turbulence_power", 0, 0, 2, "peak turbulence torque (N m); 0 = none"),
        new DescriptorParameter("main_engine_power", MainEnginePower, 6.5, 26, "main engine impulse scale"),
        new DescriptorParameter("side_engine_power", SideEnginePower, 0.3, 1.2, "orientation engine impulse scale"));

    private static readonly Box ObsSpace = new(
        new[] { -2.5f, -2.5f, -10f, -10f, (float)(-2 * Math.PI), -10f, -0f, -0f },
        new[] { 2.5f, 2.5f, 10f, 10f, (float)(2 * Math.PI), 10f, 1f, 1f });

    private readonly LanderWorld _world = new();
    private readonly bool _continuous;

    private double _mainEnginePower;
    private double _sideEnginePower;
    private double _windPower;
    private double _turbulencePower;
    private bool _windEnabled;
    private long _windIdx;
    private long _torqueIdx;

    private bool _gameOver;
    private bool _hasPrevShaping;
    private double _prevShaping;

    private double[]? _replayDraws;
    private int _replayIndex;

    public LunarLanderEnv(EnvOptions? options = null) : base(Spec, options)
    {
        _continuous = options?.Continuous ?? false;
        ActionSpace = _continuous ? Box.Uniform(-1, 1, 2) : new Discrete(4);
    }

    /// <summary>False: the world's bodies, contacts and warm-started joint impulses are not captured, so a resumed
    /// run starts new episodes here (and says so) rather than pretending to continue these.</summary>
    public override bool SupportsStateSnapshot => false;

    public override string Id => EnvId;
    public override Box ObservationSpace => ObsSpace;
    public override Space ActionSpace { get; }
    public bool Continuous => _continuous;

    public double HelipadX1 => _world.Terrain.HelipadX1;
    public double HelipadX2 => _world.Terrain.HelipadX2;
    public double HelipadY => Terrain.HelipadY;

    /// <summary>False once the lander has come to rest (the episode then ends with +100).</summary>
    public bool IsAwake => _world.Awake;

    public bool LegContact(int leg) => _world.LegTouchesGround(leg);

    /// <summary>Body 0 is the hull, 1 and 2 the legs (Gymnasium's legs[0], legs[1]).</summary>
    public LanderBodyState GetBodyState(int body)
    {
        RigidBody b = _world.Bodies[body];
        Vec2 origin = b.Origin;
        return new LanderBodyState(origin.X, origin.Y, b.Angle, b.LinearVelocity.X, b.LinearVelocity.Y, b.AngularVelocity);
    }

    /// <summary>Terrain point i (x, y) in metres, i in [0, CHUNKS).</summary>
    public (double X, double Y) TerrainPoint(int i) => (_world.Terrain.ChunkX[i], _world.Terrain.SmoothY[i]);

    /// <summary>
    /// Replays recorded random numbers instead of drawing from <see cref="Env"/>'s generator, in Gymnasium's order
    /// and units (reset: CHUNKS+1 heights, 2 initial forces, 2 wind indices when wind is on; then 2 dispersions per
    /// step including the one reset ends with), to re-run an episode recorded from Gymnasium. Null turns it off.
    /// Applies from the next reset.
    /// </summary>
    internal void SetReplayDraws(double[]? draws)
    {
        _replayDraws = draws;
        _replayIndex = 0;
    }

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _replayIndex = 0;
        ReadOnlySpan<double> d = Descriptor;
        _world.Gravity = d[GravityIndex];
        _windPower = d[WindPowerIndex];
        _turbulencePower = d[TurbulencePowerIndex];
        _mainEnginePower = d[MainEnginePowerIndex];
        _sideEnginePower = d[SideEnginePowerIndex];
        _windEnabled = _windPower > 0 || _turbulencePower > 0;

        Terrain terrain = _world.Terrain;
        for (int i = 0; i <= Terrain.Chunks; i++) terrain.SetRawHeight(i, Draw(0, H / 2));
        terrain.Build();

        _world.Spawn(ViewportW / Scale / 2, ViewportH / Scale);
        _world.Hull.ApplyForceToCenter(new Vec2(Draw(-InitialRandom, InitialRandom), Draw(-InitialRandom, InitialRandom)));
        if (_windEnabled)
        {
            _windIdx = DrawInteger(-9999, 9999);
            _torqueIdx = DrawInteger(-9999, 9999);
        }

        _gameOver = false;
        _hasPrevShaping = false;
        // Gymnasium's reset ends with one no-op step and returns its observation.
        Advance(0, 0, 0, observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        double mPower = 0, sPower = 0;
        int direction = 0;
        if (_continuous)
        {
            double main = Math.Clamp((double)continuousAction[0], -1, 1);
            double lateral = Math.Clamp((double)continuousAction[1], -1, 1);
            if (main > 0) mPower = (Math.Clamp(main, 0, 1) + 1) * 0.5;
            if (Math.Abs(lateral) > 0.5)
            {
                direction = Math.Sign(lateral);
                sPower = Math.Clamp(Math.Abs(lateral), 0.5, 1);
            }
        }
        else
        {
            if (discreteAction == 2) mPower = 1;
            if (discreteAction is 1 or 3)
            {
                direction = discreteAction - 2;
                sPower = 1;
            }
        }
        return Advance(mPower, sPower, direction, observation);
    }

    private StepOutcome Advance(double mPower, double sPower, int direction, Span<float> observation)
    {
        RigidBody hull = _world.Hull;
        if (_windEnabled && !(_world.LegTouchesGround(0) || _world.LegTouchesGround(1)))
        {
            // tanh(sin(2 k t) + sin(pi k t)), k = 0.01: smooth and never periodic.
            double windMag = Math.Tanh(Math.Sin(0.02 * _windIdx) + Math.Sin(Math.PI * 0.01 * _windIdx)) * _windPower;
            _windIdx++;
            hull.ApplyForceToCenter(new Vec2(windMag, 0));
            double torqueMag = Math.Tanh(Math.Sin(0.02 * _torqueIdx) + Math.Sin(Math.PI * 0.01 * _torqueIdx)) * _turbulencePower;
            _torqueIdx++;
            hull.ApplyTorque(torqueMag);
        }

        Vec2 position = hull.Origin;
        (double sinA, double cosA) = Math.SinCos(hull.Angle);
        Vec2 tip = new(sinA, cosA);
        Vec2 side = new(-tip.Y, tip.X);
        double dispersion0 = Draw(-1, 1) / Scale;
        double dispersion1 = Draw(-1, 1) / Scale;

        if (mPower > 0)
        {
            double ox = tip.X * (MainEngineYLocation / Scale + 2 * dispersion0) + side.X * dispersion1;
            double oy = -tip.Y * (MainEngineYLocation / Scale + 2 * dispersion0) - side.Y * dispersion1;
            var impulsePos = new Vec2(position.X + ox, position.Y + oy);
            hull.ApplyLinearImpulse(new Vec2(-ox * _mainEnginePower * mPower, -oy * _mainEnginePower * mPower), impulsePos);
        }
        if (sPower > 0)
        {
            double ox = tip.X * dispersion0 + side.X * (3 * dispersion1 + direction * SideEngineAway / Scale);
            double oy = -tip.Y * dispersion0 - side.Y * (3 * dispersion1 + direction * SideEngineAway / Scale);
            // Gymnasium's 17 (not SIDE_ENGINE_HEIGHT) in x: an orientation-dependent torque arm, kept as is.
            var impulsePos = new Vec2(position.X + ox - tip.X * 17 / Scale, position.Y + oy + tip.Y * SideEngineHeight / Scale);
            hull.ApplyLinearImpulse(new Vec2(-ox * _sideEnginePower * sPower, -oy * _sideEnginePower * sPower), impulsePos);
        }

        _world.Step(1.0 / Fps);
        if (_world.HullTouchesGround) _gameOver = true;

        Vec2 pos = hull.Origin;
        Vec2 vel = hull.LinearVelocity;
        double s0 = (pos.X - ViewportW / Scale / 2) / (ViewportW / Scale / 2);
        double s1 = (pos.Y - (Terrain.HelipadY + LegDown / Scale)) / (ViewportH / Scale / 2);
        double s2 = vel.X * (ViewportW / Scale / 2) / Fps;
        double s3 = vel.Y * (ViewportH / Scale / 2) / Fps;
        double s4 = hull.Angle;
        double s5 = 20.0 * hull.AngularVelocity / Fps;
        double s6 = _world.LegTouchesGround(0) ? 1 : 0;
        double s7 = _world.LegTouchesGround(1) ? 1 : 0;
        observation[0] = (float)s0;
        observation[1] = (float)s1;
        observation[2] = (float)s2;
        observation[3] = (float)s3;
        observation[4] = (float)s4;
        observation[5] = (float)s5;
        observation[6] = (float)s6;
        observation[7] = (float)s7;

        // Ten points per leg on the ground: losing contact after landing costs them back.
        double shaping = -100 * Math.Sqrt(s0 * s0 + s1 * s1) - 100 * Math.Sqrt(s2 * s2 + s3 * s3) - 100 * Math.Abs(s4) + 10 * s6 + 10 * s7;
        double reward = _hasPrevShaping ? shaping - _prevShaping : 0;
        _prevShaping = shaping;
        _hasPrevShaping = true;
        reward -= mPower * 0.30;
        reward -= sPower * 0.03;

        bool terminated = false;
        if (_gameOver || Math.Abs(s0) >= 1.0)
        {
            terminated = true;
            reward = -100;
        }
        if (!_world.Awake)
        {
            terminated = true;
            reward = +100;
        }
        return new StepOutcome((float)reward, terminated, false);
    }

    private double Draw(double low, double high)
    {
        if (_replayDraws is null) return Rng.Uniform(low, high);
        if (_replayIndex >= _replayDraws.Length)
            throw new InvalidOperationException($"{Id}: the replayed draws ran out after {_replayIndex} numbers.");
        return _replayDraws[_replayIndex++];
    }

    /// <summary>Integer in [low, high) as numpy's integers(low, high).</summary>
    private long DrawInteger(int low, int high) =>
        _replayDraws is null ? low + Rng.NextInt(high - low) : (long)Draw(low, high);
}
