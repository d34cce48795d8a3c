using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

internal static class TestParameters
{
    /// <summary>Moves every parameter off its init (zero biases, unit FiLM scales), so nothing passes by accident.</summary>
    public static void Perturb(nn.Module module, float scale = 0.3f)
    {
        using var noGrad = no_grad();
        foreach (var p in module.parameters()) p.add_(randn_like(p) * scale * (p.abs().mean().item<float>() + 0.05f));
        switch (module)
        {
            case PolicyModel model: model.InvalidateGeneratedWeights(); break;
            case ContinuousQCritics critics: critics.InvalidateGeneratedWeights(); break;
        }
    }

    /// <summary>The names of the parameters with no gradient or an all-zero one.</summary>
    public static string[] WithoutGradient(nn.Module module)
    {
        using var scope = NewDisposeScope();
        var names = new List<string>();
        foreach (var (name, parameter) in module.named_parameters())
        {
            using var grad = parameter.grad; // each read is a new handle
            if (grad is null || grad.abs().max().item<float>() == 0f) names.Add(name);
        }
        return names.ToArray();
    }
}
