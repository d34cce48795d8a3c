namespace HyperRL.Envs.Box2DLite;

/// <summary>Gymnasium's LunarLander constants (lunar_lander.py), in its units: pixels where noted, else metres/seconds.</summary>
public static class LunarLanderConstants
{
    public const int Fps = 50;
    public const double Scale = 30.0;

    public const double MainEnginePower = 13.0;
    public const double SideEnginePower = 0.6;

    /// <summary>Bound of the random force (N) pushing the hull at reset, per axis.</summary>
    public const double InitialRandom = 1000.0;

    public const double LegAway = 20;
    public const double LegDown = 18;
    public const double LegW = 2;
    public const double LegH = 8;
    public const double LegSpringTorque = 40;

    public const double SideEngineHeight = 14.0;
    public const double SideEngineAway = 12.0;

    /// <summary>Gymnasium's MAIN_ENGINE_Y_LOCATION: the main engine fires 4 px below the hull origin.</summary>
    public const double MainEngineYLocation = 4.0;

    public const double ViewportW = 600;
    public const double ViewportH = 400;

    /// <summary>World size in metres.</summary>
    public const double W = ViewportW / Scale;
    public const double H = ViewportH / Scale;

    public const int Chunks = 11;

    public const double LanderDensity = 5.0;
    public const double LegDensity = 1.0;
    public const double TerrainFriction = 0.1;
    public const double LanderFriction = 0.1;

    /// <summary>Box2D's default fixture friction, which the legs keep.</summary>
    public const double LegFriction = 0.2;

    /// <summary>LANDER_POLY in pixels, counter-clockwise as Box2D stores it.</summary>
    public static ReadOnlySpan<double> LanderPoly => new double[]
    {
        -14, +17, -17, 0, -17, -10, +17, -10, +17, 0, +14, +17,
    };

    public const float RewardThreshold = 200f;
    public const int MaxEpisodeSteps = 1000;
}
