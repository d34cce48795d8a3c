using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>One conditioning scheme a study compares: a label for tables and plots, and the policy settings it lays
/// over the preset's policy (<c>{"conditioning": "film"}</c> for a plain scheme name), so every scheme keeps the
/// preset's trunk, head and algorithm settings and differs only where it says.</summary>
public sealed record StudyScheme(string Label, JObject Policy);
