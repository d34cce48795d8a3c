namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// The moon surface: a polyline over x in [0, W] through CHUNKS points, with the flat helipad in the middle,
/// built exactly as Gymnasium's reset builds it (including its 0.33 smoothing, which leaves the pad at 0.99 * H/4).
/// </summary>
internal sealed class Terrain
{
    public const int Chunks = LunarLanderConstants.Chunks;

    private readonly double[] _height = new double[Chunks + 1];

    public Terrain()
    {
        for (int i = 0; i < Chunks; i++) ChunkX[i] = LunarLanderConstants.W / (Chunks - 1) * i;
    }

    public double[] ChunkX { get; } = new double[Chunks];
    public double[] SmoothY { get; } = new double[Chunks];

    /// <summary>Upward unit normal of segment i (from point i to point i + 1).</summary>
    public Vec2[] SegmentNormal { get; } = new Vec2[Chunks - 1];

    /// <summary>True where the surface turns downward on both sides (a peak a flat face can rest on).</summary>
    public bool[] IsPeak { get; } = new bool[Chunks];

    public double HelipadX1 => ChunkX[Chunks / 2 - 1];
    public double HelipadX2 => ChunkX[Chunks / 2 + 1];
    public static double HelipadY => LunarLanderConstants.H / 4;

    public Vec2 Point(int i) => new(ChunkX[i], SmoothY[i]);

    /// <summary>Height index <paramref name="i"/> as drawn (uniform(0, H/2)); call for i = 0..CHUNKS, then <see cref="Build"/>.</summary>
    public void SetRawHeight(int i, double height) => _height[i] = height;

    public void Build()
    {
        int mid = Chunks / 2;
        for (int i = mid - 2; i <= mid + 2; i++) _height[i] = HelipadY;
        for (int i = 0; i < Chunks; i++)
        {
            // Python's height[i - 1] at i = 0 wraps to the last element; keep that quirk.
            double previous = _height[i == 0 ? Chunks : i - 1];
            SmoothY[i] = 0.33 * (previous + _height[i] + _height[i + 1]);
        }
        for (int i = 0; i < Chunks - 1; i++)
        {
            Vec2 edge = Point(i + 1) - Point(i);
            double length = Math.Sqrt(edge.LengthSquared);
            SegmentNormal[i] = new Vec2(-edge.Y / length, edge.X / length);
        }
        for (int i = 0; i < Chunks; i++)
        {
            if (i == 0 || i == Chunks - 1)
            {
                IsPeak[i] = false;
                continue;
            }
            Vec2 incoming = Point(i) - Point(i - 1);
            Vec2 outgoing = Point(i + 1) - Point(i);
            IsPeak[i] = Vec2.Cross(incoming, outgoing) < -1e-9;
        }
    }

    /// <summary>Segment index under x, or -1 outside the terrain.</summary>
    public int SegmentAt(double x)
    {
        if (!(x >= 0 && x <= LunarLanderConstants.W)) return -1;
        int i = (int)(x / (LunarLanderConstants.W / (Chunks - 1)));
        return Math.Min(i, Chunks - 2);
    }
}
