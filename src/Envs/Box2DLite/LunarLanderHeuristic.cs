namespace HyperRL.Envs.Box2DLite;

/// <summary>
/// Gymnasium's <c>heuristic(env, s)</c> for LunarLander: a hand-tuned PD controller that points the lander
/// towards the pad and holds a descent target proportional to the horizontal offset. Lands with &gt; 200 points
/// on most seeds; used to check that the physics behaves like Box2D's.
/// </summary>
public static class LunarLanderHeuristic
{
    /// <summary>Discrete action (0 no-op, 1 left engine, 2 main, 3 right engine) for observation <paramref name="s"/>.</summary>
    public static int ActDiscrete(ReadOnlySpan<float> s)
    {
        Todo(s, out double angleTodo, out double hoverTodo);
        if (hoverTodo > Math.Abs(angleTodo) && hoverTodo > 0.05) return 2;
        if (angleTodo < -0.05) return 3;
        if (angleTodo > +0.05) return 1;
        return 0;
    }

    /// <summary>Continuous action [main, lateral], each clipped to [-1, 1], written into <paramref name="action"/>.</summary>
    public static void ActContinuous(ReadOnlySpan<float> s, Span<float> action)
    {
        Todo(s, out double angleTodo, out double hoverTodo);
        action[0] = (float)Math.Clamp(hoverTodo * 20 - 1, -1, 1);
        action[1] = (float)Math.Clamp(-angleTodo * 20, -1, 1);
    }

    private static void Todo(ReadOnlySpan<float> s, out double angleTodo, out double hoverTodo)
    {
        double angleTarget = s[0] * 0.5 + s[2] * 1.0; // point towards the centre
        angleTarget = Math.Clamp(angleTarget, -0.4, 0.4); // more than 0.4 rad (22 degrees) is bad
        double hoverTarget = 0.55 * Math.Abs(s[0]); // target height proportional to horizontal offset

        angleTodo = (angleTarget - s[4]) * 0.5 - s[5] * 1.0;
        hoverTodo = (hoverTarget - s[1]) * 0.5 - s[3] * 0.5;

        if (s[6] != 0 || s[7] != 0)
        {
            // After touchdown only damp the fall.
            angleTodo = 0;
            hoverTodo = -s[3] * 0.5;
        }
    }
}
