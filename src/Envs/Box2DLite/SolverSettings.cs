namespace HyperRL.Envs.Box2DLite;

/// <summary>Box2D's tolerances (b2Settings.h), which the solver and the sleep test share.</summary>
internal static class SolverSettings
{
    public const double LinearSlop = 0.005;
    public const double AngularSlop = 2.0 / 180.0 * Math.PI;

    /// <summary>Sum of the two shapes' skins (b2_polygonRadius each): Box2D's "touching" distance.</summary>
    public const double ContactSkin = 2 * LinearSlop + 2 * LinearSlop;

    public const double Baumgarte = 0.2;
    public const double MaxLinearCorrection = 0.2;
    public const double MaxAngularCorrection = 8.0 / 180.0 * Math.PI;
    public const double MaxTranslation = 2.0;
    public const double MaxRotation = 0.5 * Math.PI;

    public const double TimeToSleep = 0.5;
    public const double LinearSleepTolerance = 0.01;
    public const double AngularSleepTolerance = 2.0 / 180.0 * Math.PI;
}
