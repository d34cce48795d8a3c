namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// A dynamic rigid body as Box2D keeps it: the position is the body origin (what Gymnasium reads), while
/// velocities and the integrated position refer to the centre of mass, which for the hull sits above the origin.
/// </summary>
internal sealed class RigidBody
{
    public RigidBody(ConvexPolygon shape, double density, double friction)
    {
        Shape = shape;
        Friction = friction;
        Mass = shape.Area * density;
        InvMass = 1 / Mass;
        Inertia = shape.UnitInertiaAboutCentroid * density;
        InvInertia = 1 / Inertia;
        LocalCenter = shape.Centroid;
        WorldVertices = new Vec2[shape.Count];
    }

    public ConvexPolygon Shape { get; }
    public double Friction { get; }
    public double Mass { get; }
    public double InvMass { get; }
    public double Inertia { get; }
    public double InvInertia { get; }
    public Vec2 LocalCenter { get; }

    /// <summary>Centre of mass in world coordinates.</summary>
    public Vec2 Center;
    public double Angle;
    public Vec2 LinearVelocity;
    public double AngularVelocity;
    public Vec2 Force;
    public double Torque;
    public double SleepTime;

    /// <summary>Vertices in world coordinates, refreshed by <see cref="UpdateWorldVertices"/>.</summary>
    public Vec2[] WorldVertices { get; }

    public Rot Rotation => new(Angle);

    /// <summary>The body origin (Box2D's <c>body.position</c>).</summary>
    public Vec2 Origin => Center - Rotation.Apply(LocalCenter);

    /// <summary>Places the body by its origin, as Box2D's CreateBody does.</summary>
    public void SetTransform(Vec2 origin, double angle)
    {
        Angle = angle;
        Center = origin + Rotation.Apply(LocalCenter);
    }

    public void ResetMotion()
    {
        LinearVelocity = default;
        AngularVelocity = 0;
        Force = default;
        Torque = 0;
        SleepTime = 0;
    }

    /// <summary>An impulse at a world point changes momentum at once and spins the body about its centre of mass.</summary>
    public void ApplyLinearImpulse(Vec2 impulse, Vec2 worldPoint)
    {
        LinearVelocity += InvMass * impulse;
        AngularVelocity += InvInertia * Vec2.Cross(worldPoint - Center, impulse);
    }

    public void ApplyForceToCenter(Vec2 force) => Force += force;

    public void ApplyTorque(double torque) => Torque += torque;

    public void UpdateWorldVertices()
    {
        Rot q = Rotation;
        Vec2 origin = Center - q.Apply(LocalCenter);
        Vec2[] local = Shape.Vertices;
        for (int i = 0; i < local.Length; i++) WorldVertices[i] = origin + q.Apply(local[i]);
    }
}
