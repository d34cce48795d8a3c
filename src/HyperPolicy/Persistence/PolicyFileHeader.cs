namespace HyperRL.HyperPolicy;

/// <summary>
/// What a policy file holds besides the weights: enough to rebuild the network from the file alone. Model is the
/// model kind (<see cref="PolicyModel.Kind"/>); it may be one this version cannot build (see <see cref="PolicyModels"/>).
/// Environment is null in files written without one (and by versions before it was recorded). Options are the model's
/// architecture beyond the spec (a Q network's <see cref="QNetworkOptions"/>), null when default or absent. Context is
/// what the caller stored with the policy to act with it on its own (HyperRL's training config and observation
/// statistics, for a standalone exported policy); opaque here, null when absent.
/// </summary>
public sealed record PolicyFileHeader(string Model, PolicySpec Spec, PolicyShapes Shapes, PolicyEnvironment? Environment = null,
    Newtonsoft.Json.Linq.JObject? Options = null, Newtonsoft.Json.Linq.JObject? Context = null);
