namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// The lander's physics: hull and two legs as rigid bodies, the legs hung on motorised revolute joints, all
/// against the static terrain, stepped as Box2D's b2World::Step (integrate velocities, solve joints and contacts,
/// integrate positions, correct positions, find contacts, sleep). Everything is preallocated: stepping allocates
/// nothing.
/// </summary>
internal sealed class LanderWorld
{
    public const int HullIndex = 0;

    /// <summary>Gymnasium steps Box2D with 6*30 velocity and 2*30 position iterations. With warm starting, the
    /// joints' block solves and passes that stop once converged, 16 and 10 land the heuristic as 180 and 60 do
    /// (same mean return; episodes ~10% longer before the lander falls asleep) at a fraction of the cost.</summary>
    public const int VelocityIterations = 16;

    public const int PositionIterations = 10;

    /// <summary>Impulse (N s) below which a velocity pass changed nothing that matters: a leg's velocity then
    /// moves by well under Box2D's 0.01 m/s sleep tolerance, so more passes only cost time.</summary>
    private const double ConvergedImpulse = 1e-6;

    private readonly ContactSolver _contacts;

    public LanderWorld()
    {
        Hull = new RigidBody(new ConvexPolygon(ScaledLanderPoly()), LunarLanderConstants.LanderDensity, LunarLanderConstants.LanderFriction);
        var legShape = ConvexPolygon.Box(LunarLanderConstants.LegW / LunarLanderConstants.Scale, LunarLanderConstants.LegH / LunarLanderConstants.Scale);
        Legs = new[]
        {
            new RigidBody(legShape, LunarLanderConstants.LegDensity, LunarLanderConstants.LegFriction),
            new RigidBody(legShape, LunarLanderConstants.LegDensity, LunarLanderConstants.LegFriction),
        };
        Bodies = new[] { Hull, Legs[0], Legs[1] };
        Joints = new RevoluteJoint[2];
        for (int k = 0; k < 2; k++)
        {
            int i = k == 0 ? -1 : +1;
            // Gymnasium's limits in joint angle; the joint's reference angle is the legs' spawn tilt (i * 0.05).
            double lower = i == -1 ? 0.9 - 0.5 : -0.9;
            double upper = i == -1 ? 0.9 : -0.9 + 0.5;
            Joints[k] = new RevoluteJoint(Hull, Legs[k], new Vec2(0, 0),
                new Vec2(i * LunarLanderConstants.LegAway / LunarLanderConstants.Scale, LunarLanderConstants.LegDown / LunarLanderConstants.Scale),
                referenceAngle: i * 0.05, lowerAngle: lower, upperAngle: upper,
                motorSpeed: 0.3 * i, maxMotorTorque: LunarLanderConstants.LegSpringTorque);
        }
        _contacts = new ContactSolver(Bodies, Terrain);
    }

    public Terrain Terrain { get; } = new();
    public RigidBody Hull { get; }
    public RigidBody[] Legs { get; }
    public RigidBody[] Bodies { get; }
    public RevoluteJoint[] Joints { get; }
    public double Gravity { get; set; } = -10;

    /// <summary>False once every body has been still for Box2D's time-to-sleep (Gymnasium's "not awake").</summary>
    public bool Awake { get; private set; } = true;

    public bool HullTouchesGround => _contacts.IsTouching(HullIndex);

    public bool LegTouchesGround(int leg) => _contacts.IsTouching(1 + leg);

    /// <summary>Places hull and legs as Gymnasium's reset creates them, at rest: each leg beside the hull at the
    /// hull's height, tilted by i * 0.05, so its pin is 0.6 m off and its angle outside the limits. The first step
    /// snaps the legs into place, and, as in Box2D, that snap leaves the hull a small spin.</summary>
    public void Spawn(double x, double y)
    {
        Hull.ResetMotion();
        Hull.SetTransform(new Vec2(x, y), 0);
        for (int k = 0; k < 2; k++)
        {
            int i = k == 0 ? -1 : +1;
            Legs[k].ResetMotion();
            Legs[k].SetTransform(new Vec2(x - i * LunarLanderConstants.LegAway / LunarLanderConstants.Scale, y), i * 0.05);
            Joints[k].ResetImpulses();
        }
        _contacts.Clear();
        _contacts.Collide();
        Awake = true;
    }

    public void Step(double dt)
    {

        foreach (RigidBody body in Bodies)
        {
            body.LinearVelocity += dt * (new Vec2(0, Gravity) + body.InvMass * body.Force);
            body.AngularVelocity += dt * body.InvInertia * body.Torque;
            body.Force = default;
            body.Torque = 0;
        }

        foreach (RevoluteJoint joint in Joints) joint.InitVelocityConstraints(dt);
        _contacts.InitVelocityConstraints(dt);
        for (int it = 0; it < VelocityIterations; it++)
        {
            double change = 0;
            foreach (RevoluteJoint joint in Joints) change = Math.Max(change, joint.SolveVelocityConstraints(dt));
            change = Math.Max(change, _contacts.SolveVelocityConstraints());
            if (change < ConvergedImpulse) break;
        }

        foreach (RigidBody body in Bodies)
        {
            Vec2 translation = dt * body.LinearVelocity;
            if (translation.LengthSquared > SolverSettings.MaxTranslation * SolverSettings.MaxTranslation)
                body.LinearVelocity = (SolverSettings.MaxTranslation / Math.Sqrt(translation.LengthSquared)) * body.LinearVelocity;
            double rotation = dt * body.AngularVelocity;
            if (rotation * rotation > SolverSettings.MaxRotation * SolverSettings.MaxRotation)
                body.AngularVelocity *= SolverSettings.MaxRotation / Math.Abs(rotation);
            body.Center += dt * body.LinearVelocity;
            body.Angle += dt * body.AngularVelocity;
        }

        bool positionSolved = false;
        for (int it = 0; it < PositionIterations; it++)
        {
            bool contactsOk = _contacts.SolvePositionConstraints();
            bool jointsOk = true;
            foreach (RevoluteJoint joint in Joints) jointsOk &= joint.SolvePositionConstraints();
            if (contactsOk && jointsOk)
            {
                positionSolved = true;
                break;
            }
        }

        // Contacts found at the end of the step: Box2D reports a contact that begins during a step (at its
        // time of impact) in that same step, and this list is also what the next step solves.
        _contacts.Collide();
        UpdateSleep(dt, positionSolved);
    }

    private void UpdateSleep(double dt, bool positionSolved)
    {
        const double linTol2 = SolverSettings.LinearSleepTolerance * SolverSettings.LinearSleepTolerance;
        const double angTol2 = SolverSettings.AngularSleepTolerance * SolverSettings.AngularSleepTolerance;
        double minSleepTime = double.MaxValue;
        foreach (RigidBody body in Bodies)
        {
            if (body.AngularVelocity * body.AngularVelocity > angTol2 || body.LinearVelocity.LengthSquared > linTol2)
            {
                body.SleepTime = 0;
                minSleepTime = 0;
            }
            else
            {
                body.SleepTime += dt;
                minSleepTime = Math.Min(minSleepTime, body.SleepTime);
            }
        }
        if (minSleepTime >= SolverSettings.TimeToSleep && positionSolved) Awake = false;
    }

    private static double[] ScaledLanderPoly()
    {
        ReadOnlySpan<double> poly = LunarLanderConstants.LanderPoly;
        var scaled = new double[poly.Length];
        for (int i = 0; i < poly.Length; i++) scaled[i] = poly[i] / LunarLanderConstants.Scale;
        return scaled;
    }
}
