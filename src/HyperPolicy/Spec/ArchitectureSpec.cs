namespace HyperRL.HyperPolicy;

/// <summary>
/// A search space of actor architectures that one hypernetwork generates (HyperPPO, Hegde et al. 2023), as written in
/// JSON: {"depths": [1, 2], "widths": [4, 8, 16, 32, 64]} (every hidden layer's width drawn independently from
/// <see cref="Widths"/>, so depth 2 gives |widths|^2 architectures) or {"list": [[16], [32, 16]]}; "critic" says
/// whether the value network is one fixed network ('hidden', or 'criticHidden') or generated with each architecture.
/// </summary>
public sealed record ArchitectureSpec
{
    public IReadOnlyList<int> Depths { get; init; } = [];
    public IReadOnlyList<int> Widths { get; init; } = [];
    /// <summary>Explicit hidden-layer lists instead of depths x widths.</summary>
    public IReadOnlyList<IReadOnlyList<int>> List { get; init; } = [];
    public ArchitectureCriticKind Critic { get; init; } = ArchitectureCriticKind.Fixed;
}
