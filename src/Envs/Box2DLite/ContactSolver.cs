namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// Finds body-ground contacts and solves them with sequential impulses (normal and Coulomb friction, no
/// restitution) and non-linear Gauss-Seidel position correction, as Box2D's b2ContactSolver. Contacts within a
/// speculative margin act only once the gap would close during the step, which stands in for Box2D's
/// time-of-impact pass against the static ground.
/// </summary>
internal sealed class ContactSolver
{
    private const int Capacity = 64;

    /// <summary>Gap (m) under which a contact is considered; covers ~15 m/s of approach per 1/50 s step.</summary>
    private const double SpeculativeDistance = 0.3;

    /// <summary>Gap under which Box2D would report the shapes as touching (its manifold has points).</summary>
    private const double TouchingSeparation = SolverSettings.LinearSlop;

    private readonly RigidBody[] _bodies;
    private readonly Terrain _terrain;
    private Contact[] _contacts = new Contact[Capacity];
    private Contact[] _previous = new Contact[Capacity];
    private int _count;
    private int _previousCount;
    private readonly bool[] _touching;

    public ContactSolver(RigidBody[] bodies, Terrain terrain)
    {
        _bodies = bodies;
        _terrain = terrain;
        _touching = new bool[bodies.Length];
    }

    public int Count => _count;

    /// <summary>Whether body <paramref name="index"/> touched the ground at the last <see cref="Collide"/>.</summary>
    public bool IsTouching(int index) => _touching[index];

    public void Clear()
    {
        _count = 0;
        _previousCount = 0;
        Array.Clear(_touching);
    }

    public void Collide()
    {
        (_contacts, _previous) = (_previous, _contacts);
        _previousCount = _count;
        _count = 0;
        Array.Clear(_touching);
        for (int b = 0; b < _bodies.Length; b++)
        {
            RigidBody body = _bodies[b];
            body.UpdateWorldVertices();
            Vec2[] world = body.WorldVertices;
            for (int v = 0; v < world.Length; v++) CollideVertex(b, body, v, world[v]);
            for (int p = 1; p < Terrain.Chunks - 1; p++)
            {
                if (_terrain.IsPeak[p]) CollidePeak(b, body, p);
            }
        }
        for (int i = 0; i < _count; i++)
        {
            if (_contacts[i].Separation < TouchingSeparation) _touching[_contacts[i].Body] = true;
        }
    }

    private void CollideVertex(int bodyIndex, RigidBody body, int vertex, Vec2 point)
    {
        int segment = _terrain.SegmentAt(point.X);
        if (segment < 0) return;
        Vec2 normal = _terrain.SegmentNormal[segment];
        Vec2 onGround = _terrain.Point(segment);
        double separation = Vec2.Dot(point - onGround, normal) - SolverSettings.ContactSkin;
        if (separation >= SpeculativeDistance || _count == Capacity) return;
        ref Contact c = ref _contacts[_count++];
        c = default;
        c.Body = bodyIndex;
        c.Key = bodyIndex * 256 + segment * 16 + vertex;
        c.BodyFace = false;
        c.LocalPoint = body.Shape.Vertices[vertex] - body.LocalCenter;
        c.GroundPoint = onGround;
        c.GroundNormal = normal;
        c.Normal = normal;
        c.R = point - body.Center;
        c.Separation = separation;
        c.Friction = Math.Sqrt(body.Friction * LunarLanderConstants.TerrainFriction);
    }

    private void CollidePeak(int bodyIndex, RigidBody body, int peak)
    {
        Vec2 p = _terrain.Point(peak);
        Vec2[] world = body.WorldVertices;
        Rot q = body.Rotation;
        double best = double.NegativeInfinity;
        int bestEdge = 0;
        for (int e = 0; e < world.Length; e++)
        {
            double s = Vec2.Dot(p - world[e], q.Apply(body.Shape.Normals[e]));
            if (s > best)
            {
                best = s;
                bestEdge = e;
            }
            if (best >= SpeculativeDistance + SolverSettings.ContactSkin) return;
        }
        double separation = best - SolverSettings.ContactSkin;
        if (_count == Capacity) return;
        Vec2 worldNormal = q.Apply(body.Shape.Normals[bestEdge]);
        ref Contact c = ref _contacts[_count++];
        c = default;
        c.Body = bodyIndex;
        c.Key = bodyIndex * 256 + 200 + peak;
        c.BodyFace = true;
        c.LocalPoint = body.Shape.Vertices[bestEdge] - body.LocalCenter;
        c.LocalNormal = body.Shape.Normals[bestEdge];
        c.GroundPoint = p;
        c.Normal = -worldNormal;
        c.R = p - body.Center;
        c.Separation = separation;
        c.Friction = Math.Sqrt(body.Friction * LunarLanderConstants.TerrainFriction);
    }

    public void InitVelocityConstraints(double dt)
    {
        for (int i = 0; i < _count; i++)
        {
            ref Contact c = ref _contacts[i];
            RigidBody body = _bodies[c.Body];
            double rn = Vec2.Cross(c.R, c.Normal);
            c.NormalMass = 1 / (body.InvMass + body.InvInertia * rn * rn);
            Vec2 tangent = new(c.Normal.Y, -c.Normal.X);
            double rt = Vec2.Cross(c.R, tangent);
            c.TangentMass = 1 / (body.InvMass + body.InvInertia * rt * rt);
            c.VelocityBias = c.Separation > 0 ? c.Separation / dt : 0;

            for (int j = 0; j < _previousCount; j++)
            {
                if (_previous[j].Key != c.Key) continue;
                c.NormalImpulse = _previous[j].NormalImpulse;
                c.TangentImpulse = _previous[j].TangentImpulse;
                Vec2 impulse = c.NormalImpulse * c.Normal + c.TangentImpulse * tangent;
                body.LinearVelocity += body.InvMass * impulse;
                body.AngularVelocity += body.InvInertia * Vec2.Cross(c.R, impulse);
                break;
            }
        }
    }

    /// <summary>One Gauss-Seidel pass; returns the largest impulse it applied.</summary>
    public double SolveVelocityConstraints()
    {
        double change = 0;
        for (int i = 0; i < _count; i++)
        {
            ref Contact c = ref _contacts[i];
            RigidBody body = _bodies[c.Body];
            Vec2 tangent = new(c.Normal.Y, -c.Normal.X);

            Vec2 dv = body.LinearVelocity + Vec2.Cross(body.AngularVelocity, c.R);
            double vt = Vec2.Dot(dv, tangent);
            double maxFriction = c.Friction * c.NormalImpulse;
            double oldT = c.TangentImpulse;
            c.TangentImpulse = Math.Clamp(oldT - c.TangentMass * vt, -maxFriction, maxFriction);
            Vec2 pt = (c.TangentImpulse - oldT) * tangent;
            body.LinearVelocity += body.InvMass * pt;
            body.AngularVelocity += body.InvInertia * Vec2.Cross(c.R, pt);

            dv = body.LinearVelocity + Vec2.Cross(body.AngularVelocity, c.R);
            double vn = Vec2.Dot(dv, c.Normal);
            double oldN = c.NormalImpulse;
            c.NormalImpulse = Math.Max(oldN - c.NormalMass * (vn + c.VelocityBias), 0);
            Vec2 pn = (c.NormalImpulse - oldN) * c.Normal;
            body.LinearVelocity += body.InvMass * pn;
            body.AngularVelocity += body.InvInertia * Vec2.Cross(c.R, pn);
            change = Math.Max(change, Math.Max(Math.Abs(c.NormalImpulse - oldN), Math.Abs(c.TangentImpulse - oldT)));
        }
        return change;
    }

    /// <summary>One NGS pass; true when no contact overlaps by more than Box2D's 3 * linear slop.</summary>
    public bool SolvePositionConstraints()
    {
        double minSeparation = 0;
        for (int i = 0; i < _count; i++)
        {
            ref Contact c = ref _contacts[i];
            RigidBody body = _bodies[c.Body];
            Rot q = body.Rotation;
            Vec2 normal, point;
            double separation;
            if (c.BodyFace)
            {
                Vec2 worldNormal = q.Apply(c.LocalNormal);
                Vec2 onEdge = body.Center + q.Apply(c.LocalPoint);
                separation = Vec2.Dot(c.GroundPoint - onEdge, worldNormal) - SolverSettings.ContactSkin;
                normal = -worldNormal;
                point = c.GroundPoint;
            }
            else
            {
                point = body.Center + q.Apply(c.LocalPoint);
                normal = c.GroundNormal;
                separation = Vec2.Dot(point - c.GroundPoint, normal) - SolverSettings.ContactSkin;
            }
            if (separation >= 0) continue;
            minSeparation = Math.Min(minSeparation, separation);
            double correction = Math.Clamp(SolverSettings.Baumgarte * (separation + SolverSettings.LinearSlop),
                -SolverSettings.MaxLinearCorrection, 0);
            Vec2 r = point - body.Center;
            double rn = Vec2.Cross(r, normal);
            double k = body.InvMass + body.InvInertia * rn * rn;
            Vec2 impulse = (-correction / k) * normal;
            body.Center += body.InvMass * impulse;
            body.Angle += body.InvInertia * Vec2.Cross(r, impulse);
        }
        return minSeparation >= -3 * SolverSettings.LinearSlop;
    }
}
