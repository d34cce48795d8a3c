namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// One contact point between a body and the ground. Two kinds, as Box2D's manifold types: a body vertex against
/// the terrain segment under it (the ground face holds the normal), or a terrain peak against a body edge (the
/// body face holds it). The normal points from the ground to the body.
/// </summary>
internal struct Contact
{
    /// <summary>Index of the body in the world.</summary>
    public int Body;

    /// <summary>Identifies the feature pair across steps, so last step's impulses can warm-start this one.</summary>
    public int Key;

    public bool BodyFace;

    /// <summary>Body-vertex contact: the vertex relative to the centre of mass, in body axes.
    /// Peak contact: a point of the body edge relative to the centre of mass, in body axes.</summary>
    public Vec2 LocalPoint;

    /// <summary>Peak contact: outward normal of the body edge, in body axes.</summary>
    public Vec2 LocalNormal;

    /// <summary>Body-vertex contact: a point of the ground segment. Peak contact: the peak.</summary>
    public Vec2 GroundPoint;

    /// <summary>Body-vertex contact: the segment's upward normal.</summary>
    public Vec2 GroundNormal;

    public Vec2 Normal;
    public Vec2 R;

    /// <summary>Gap beyond Box2D's touching distance; negative when overlapping.</summary>
    public double Separation;

    public double Friction;
    public double NormalMass;
    public double TangentMass;
    public double NormalImpulse;
    public double TangentImpulse;
    public double VelocityBias;
}
