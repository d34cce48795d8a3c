namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// One body of the lander as Gymnasium's reference data records it: origin position, angle, and the velocity of
/// the centre of mass (Box2D's <c>position</c>, <c>angle</c>, <c>linearVelocity</c>, <c>angularVelocity</c>).
/// </summary>
public readonly record struct LanderBodyState(double X, double Y, double Angle, double Vx, double Vy, double AngularVelocity);
