namespace HyperRL.Envs.Box2DLite;

/// <summary>A 2-D vector in double precision; a value type so the solver's hot loops allocate nothing.</summary>
internal readonly struct Vec2
{
    public readonly double X;
    public readonly double Y;

    public Vec2(double x, double y)
    {
        X = x;
        Y = y;
    }

    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);
    public static Vec2 operator -(Vec2 a) => new(-a.X, -a.Y);
    public static Vec2 operator *(double s, Vec2 a) => new(s * a.X, s * a.Y);

    public double LengthSquared => X * X + Y * Y;

    public static double Dot(Vec2 a, Vec2 b) => a.X * b.X + a.Y * b.Y;

    /// <summary>The z component of the 3-D cross product.</summary>
    public static double Cross(Vec2 a, Vec2 b) => a.X * b.Y - a.Y * b.X;

    /// <summary>w × r for an angular velocity w about z.</summary>
    public static Vec2 Cross(double w, Vec2 r) => new(-w * r.Y, w * r.X);

    /// <summary>The vector rotated by +90 degrees (left perpendicular).</summary>
    public Vec2 Perp => new(-Y, X);

    public override string ToString() => FormattableString.Invariant($"({X:G6}, {Y:G6})");
}

/// <summary>A rotation stored as its cosine and sine, as Box2D's b2Rot.</summary>
internal readonly struct Rot
{
    public readonly double C;
    public readonly double S;

    public Rot(double angle)
    {
        (S, C) = Math.SinCos(angle);
    }

    public Vec2 Apply(Vec2 v) => new(C * v.X - S * v.Y, S * v.X + C * v.Y);

    public Vec2 ApplyInverse(Vec2 v) => new(C * v.X + S * v.Y, -S * v.X + C * v.Y);
}
