namespace HyperRL.Envs.Box2DLite;

/// <summary>A symmetric 3x3 matrix (Box2D's b2Mat33 as the revolute joint fills it), stored by its upper triangle.</summary>
internal readonly struct Mat33
{
    public readonly double Exx, Exy, Ezx, Eyy, Ezy, Ezz;

    /// <param name="exx">K[0,0]</param>
    /// <param name="exy">K[0,1] = K[1,0]</param>
    /// <param name="ezx">K[0,2] = K[2,0]</param>
    /// <param name="eyy">K[1,1]</param>
    /// <param name="ezy">K[1,2] = K[2,1]</param>
    /// <param name="ezz">K[2,2]</param>
    public Mat33(double exx, double exy, double ezx, double eyy, double ezy, double ezz)
    {
        Exx = exx;
        Exy = exy;
        Ezx = ezx;
        Eyy = eyy;
        Ezy = ezy;
        Ezz = ezz;
    }

    /// <summary>Solves K x = b with Cramer's rule; a singular K gives zero, as Box2D.</summary>
    public void Solve33(double bx, double by, double bz, out double x, out double y, out double z)
    {
        // Columns ex = (Exx, Exy, Ezx), ey = (Exy, Eyy, Ezy), ez = (Ezx, Ezy, Ezz).
        double det = Exx * (Eyy * Ezz - Ezy * Ezy) - Exy * (Exy * Ezz - Ezy * Ezx) + Ezx * (Exy * Ezy - Eyy * Ezx);
        if (det != 0) det = 1 / det;
        x = det * (bx * (Eyy * Ezz - Ezy * Ezy) - Exy * (by * Ezz - Ezy * bz) + Ezx * (by * Ezy - Eyy * bz));
        y = det * (Exx * (by * Ezz - Ezy * bz) - bx * (Exy * Ezz - Ezy * Ezx) + Ezx * (Exy * bz - by * Ezx));
        z = det * (Exx * (Eyy * bz - by * Ezy) - Exy * (Exy * bz - by * Ezx) + bx * (Exy * Ezy - Eyy * Ezx));
    }

    /// <summary>Solves the upper-left 2x2 block.</summary>
    public Vec2 Solve22(Vec2 b)
    {
        double det = Exx * Eyy - Exy * Exy;
        if (det != 0) det = 1 / det;
        return new Vec2(det * (Eyy * b.X - Exy * b.Y), det * (Exx * b.Y - Exy * b.X));
    }
}
