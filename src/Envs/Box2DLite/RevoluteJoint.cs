namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// Box2D 2.3's revolute joint (the version Gymnasium's pybox2d wraps) with motor and angle limits: a pin between
/// two bodies, a motor driving the relative angular speed with bounded torque, and lower/upper angle limits.
/// At a limit, pin and limit are solved together as one 3x3 block, as Box2D does: solved one after the other they
/// fight each other and a light leg on a heavy hull slips through its limit. The lander's legs hang on these
/// joints: the motor is the "spring" that holds them against the limit.
/// </summary>
internal sealed class RevoluteJoint
{
    private enum LimitState { Inactive, AtLower, AtUpper }

    private readonly RigidBody _a;
    private readonly RigidBody _b;
    private readonly Vec2 _localAnchorA;
    private readonly Vec2 _localAnchorB;

    private Vec2 _rA, _rB;
    private Mat33 _mass;
    private double _motorMass;
    private LimitState _limitState;
    private bool _motorAgainstLimit;

    // Accumulated impulses: pin (X, Y), limit (Z) and motor.
    private double _impulseX, _impulseY, _impulseZ;
    private double _motorImpulse;

    /// <param name="localAnchorA">Anchor in A's frame, relative to A's origin.</param>
    /// <param name="localAnchorB">Anchor in B's frame, relative to B's origin.</param>
    public RevoluteJoint(RigidBody a, RigidBody b, Vec2 localAnchorA, Vec2 localAnchorB, double referenceAngle,
        double lowerAngle, double upperAngle, double motorSpeed, double maxMotorTorque)
    {
        _a = a;
        _b = b;
        _localAnchorA = localAnchorA - a.LocalCenter;
        _localAnchorB = localAnchorB - b.LocalCenter;
        ReferenceAngle = referenceAngle;
        LowerAngle = lowerAngle;
        UpperAngle = upperAngle;
        MotorSpeed = motorSpeed;
        MaxMotorTorque = maxMotorTorque;
    }

    public double ReferenceAngle { get; }
    public double LowerAngle { get; }
    public double UpperAngle { get; }
    public double MotorSpeed { get; }
    public double MaxMotorTorque { get; }

    /// <summary>The joint angle (B relative to A, minus the reference angle).</summary>
    public double JointAngle => _b.Angle - _a.Angle - ReferenceAngle;

    public void ResetImpulses()
    {
        _impulseX = _impulseY = _impulseZ = 0;
        _motorImpulse = 0;
        _limitState = LimitState.Inactive;
    }

    public void InitVelocityConstraints(double dt)
    {
        _rA = _a.Rotation.Apply(_localAnchorA);
        _rB = _b.Rotation.Apply(_localAnchorB);
        double mA = _a.InvMass, mB = _b.InvMass, iA = _a.InvInertia, iB = _b.InvInertia;
        _mass = new Mat33(
            mA + mB + _rA.Y * _rA.Y * iA + _rB.Y * _rB.Y * iB,
            -_rA.Y * _rA.X * iA - _rB.Y * _rB.X * iB,
            -_rA.Y * iA - _rB.Y * iB,
            mA + mB + _rA.X * _rA.X * iA + _rB.X * _rB.X * iB,
            _rA.X * iA + _rB.X * iB,
            iA + iB);
        _motorMass = 1 / (iA + iB);

        double angle = JointAngle;
        if (angle <= LowerAngle)
        {
            if (_limitState != LimitState.AtLower) _impulseZ = 0;
            _limitState = LimitState.AtLower;
        }
        else if (angle >= UpperAngle)
        {
            if (_limitState != LimitState.AtUpper) _impulseZ = 0;
            _limitState = LimitState.AtUpper;
        }
        else
        {
            _limitState = LimitState.Inactive;
            _impulseZ = 0;
        }

        // A motor driving into the limit it rests on can never reach its speed, so the exact solution has it at
        // full torque. Gauss-Seidel gets there only by ~I*speed per pass (hundreds of passes for a light leg;
        // Box2D's 180 per step get close), and an unsaturated motor makes the legs fold too easily on landing.
        _motorAgainstLimit = (_limitState == LimitState.AtLower && MotorSpeed < 0) || (_limitState == LimitState.AtUpper && MotorSpeed > 0);
        if (_motorAgainstLimit) _motorImpulse = Math.Sign(MotorSpeed) * MaxMotorTorque * dt;

        // Warm start: last step's impulses are usually close to this step's answer.
        var p = new Vec2(_impulseX, _impulseY);
        double axial = _motorImpulse + _impulseZ;
        _a.LinearVelocity -= mA * p;
        _a.AngularVelocity -= iA * (Vec2.Cross(_rA, p) + axial);
        _b.LinearVelocity += mB * p;
        _b.AngularVelocity += iB * (Vec2.Cross(_rB, p) + axial);
    }

    /// <summary>One Gauss-Seidel pass; returns the largest impulse it applied, so the caller can stop once
    /// the joints have converged.</summary>
    public double SolveVelocityConstraints(double dt)
    {
        double mA = _a.InvMass, mB = _b.InvMass, iA = _a.InvInertia, iB = _b.InvInertia;
        Vec2 vA = _a.LinearVelocity, vB = _b.LinearVelocity;
        double wA = _a.AngularVelocity, wB = _b.AngularVelocity;
        double change = 0;

        if (!_motorAgainstLimit)
        {
            // Motor and pin as one 3x3 block: solved apart, the motor sees only the leg's tiny inertia about its
            // own centre, builds torque by a sliver per pass and lets the leg fold far too easily.
            Vec2 cdot1 = vB + Vec2.Cross(wB, _rB) - vA - Vec2.Cross(wA, _rA);
            double cdot2 = wB - wA - MotorSpeed;
            _mass.Solve33(-cdot1.X, -cdot1.Y, -cdot2, out double ix, out double iy, out double iz);
            double max = MaxMotorTorque * dt;
            double wanted = _motorImpulse + iz;
            double clamped = Math.Clamp(wanted, -max, max);
            if (clamped != wanted)
            {
                // Torque-limited: hold the motor at its bound and solve the pin alone.
                iz = clamped - _motorImpulse;
                Vec2 reduced = _mass.Solve22(-cdot1 - iz * new Vec2(_mass.Ezx, _mass.Ezy));
                ix = reduced.X;
                iy = reduced.Y;
            }
            _motorImpulse = clamped;
            _impulseX += ix;
            _impulseY += iy;
            var pm = new Vec2(ix, iy);
            vA -= mA * pm;
            wA -= iA * (Vec2.Cross(_rA, pm) + iz);
            vB += mB * pm;
            wB += iB * (Vec2.Cross(_rB, pm) + iz);
            change = Math.Max(Math.Max(Math.Abs(ix), Math.Abs(iy)), Math.Abs(iz));
        }

        Vec2 p = default;
        double pz = 0;
        if (_limitState != LimitState.Inactive)
        {
            Vec2 cdot1 = vB + Vec2.Cross(wB, _rB) - vA - Vec2.Cross(wA, _rA);
            double cdot2 = wB - wA;
            _mass.Solve33(-cdot1.X, -cdot1.Y, -cdot2, out double ix, out double iy, out double iz);
            double newZ = _impulseZ + iz;
            bool released = _limitState == LimitState.AtLower ? newZ < 0 : newZ > 0;
            if (released)
            {
                // The limit would pull: drop it and solve the pin alone, undoing the limit's accumulated impulse.
                Vec2 rhs = -cdot1 + _impulseZ * new Vec2(_mass.Ezx, _mass.Ezy);
                Vec2 reduced = _mass.Solve22(rhs);
                ix = reduced.X;
                iy = reduced.Y;
                iz = -_impulseZ;
                _impulseZ = 0;
            }
            else
            {
                _impulseZ = newZ;
            }
            _impulseX += ix;
            _impulseY += iy;
            p = new Vec2(ix, iy);
            pz = iz;
        }
        vA -= mA * p;
        wA -= iA * (Vec2.Cross(_rA, p) + pz);
        vB += mB * p;
        wB += iB * (Vec2.Cross(_rB, p) + pz);

        _a.LinearVelocity = vA;
        _a.AngularVelocity = wA;
        _b.LinearVelocity = vB;
        _b.AngularVelocity = wB;
        return Math.Max(change, Math.Max(Math.Max(Math.Abs(p.X), Math.Abs(p.Y)), Math.Abs(pz)));
    }

    /// <summary>Non-linear Gauss-Seidel position correction; true when the joint is within Box2D's slop.</summary>
    public bool SolvePositionConstraints()
    {
        double mA = _a.InvMass, mB = _b.InvMass, iA = _a.InvInertia, iB = _b.InvInertia;
        double angularError = 0;
        if (_limitState != LimitState.Inactive)
        {
            double c = JointAngle;
            double limitImpulse;
            if (_limitState == LimitState.AtLower)
            {
                c -= LowerAngle;
                angularError = -c;
                limitImpulse = -_motorMass * Math.Clamp(c + SolverSettings.AngularSlop, -SolverSettings.MaxAngularCorrection, 0);
            }
            else
            {
                c -= UpperAngle;
                angularError = c;
                limitImpulse = -_motorMass * Math.Clamp(c - SolverSettings.AngularSlop, 0, SolverSettings.MaxAngularCorrection);
            }
            _a.Angle -= iA * limitImpulse;
            _b.Angle += iB * limitImpulse;
        }

        Vec2 rA = _a.Rotation.Apply(_localAnchorA);
        Vec2 rB = _b.Rotation.Apply(_localAnchorB);
        Vec2 error = _b.Center + rB - _a.Center - rA;
        double positionError = Math.Sqrt(error.LengthSquared);
        var k = new Mat33(
            mA + mB + iA * rA.Y * rA.Y + iB * rB.Y * rB.Y,
            -iA * rA.X * rA.Y - iB * rB.X * rB.Y,
            0,
            mA + mB + iA * rA.X * rA.X + iB * rB.X * rB.X,
            0,
            0);
        Vec2 impulse = -k.Solve22(error);
        _a.Center -= mA * impulse;
        _a.Angle -= iA * Vec2.Cross(rA, impulse);
        _b.Center += mB * impulse;
        _b.Angle += iB * Vec2.Cross(rB, impulse);

        return positionError <= SolverSettings.LinearSlop && angularError <= SolverSettings.AngularSlop;
    }
}
