namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// A convex polygon in body coordinates (counter-clockwise), with the mass properties Box2D's
/// b2PolygonShape::ComputeMass gives it: area times density, centroid, and inertia about the centroid.
/// </summary>
internal sealed class ConvexPolygon
{
    public ConvexPolygon(ReadOnlySpan<double> xy)
    {
        int count = xy.Length / 2;
        if (count < 3 || xy.Length % 2 != 0) throw new ArgumentException("A polygon needs at least three (x, y) vertices.", nameof(xy));
        Vertices = new Vec2[count];
        Normals = new Vec2[count];
        for (int i = 0; i < count; i++) Vertices[i] = new Vec2(xy[2 * i], xy[2 * i + 1]);
        for (int i = 0; i < count; i++)
        {
            Vec2 edge = Vertices[(i + 1) % count] - Vertices[i];
            double length = Math.Sqrt(edge.LengthSquared);
            Normals[i] = new Vec2(edge.Y / length, -edge.X / length);
        }
        ComputeArea(out double area, out Vec2 centroid, out double inertiaAboutOrigin);
        if (area <= 0) throw new ArgumentException("Polygon vertices must be counter-clockwise.", nameof(xy));
        Area = area;
        Centroid = centroid;
        UnitInertiaAboutCentroid = inertiaAboutOrigin - area * centroid.LengthSquared;
    }

    public static ConvexPolygon Box(double halfWidth, double halfHeight) =>
        new(stackalloc double[] { -halfWidth, -halfHeight, halfWidth, -halfHeight, halfWidth, halfHeight, -halfWidth, halfHeight });

    public Vec2[] Vertices { get; }

    /// <summary>Outward unit normal of the edge from vertex i to vertex i + 1.</summary>
    public Vec2[] Normals { get; }

    public int Count => Vertices.Length;
    public double Area { get; }
    public Vec2 Centroid { get; }

    /// <summary>Second moment of area about the centroid (multiply by density for the rotational inertia).</summary>
    public double UnitInertiaAboutCentroid { get; }

    private void ComputeArea(out double area, out Vec2 centroid, out double inertia)
    {
        area = 0;
        double cx = 0, cy = 0;
        inertia = 0;
        for (int i = 0; i < Vertices.Length; i++)
        {
            Vec2 a = Vertices[i];
            Vec2 b = Vertices[(i + 1) % Vertices.Length];
            double cross = Vec2.Cross(a, b);
            area += 0.5 * cross;
            cx += (a.X + b.X) * cross / 6;
            cy += (a.Y + b.Y) * cross / 6;
            inertia += cross * (a.X * a.X + a.X * b.X + b.X * b.X + a.Y * a.Y + a.Y * b.Y + b.Y * b.Y) / 12;
        }
        centroid = new Vec2(cx / area, cy / area);
    }
}
