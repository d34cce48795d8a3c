using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.MainNetworks;

internal static class Activations
{
    public static Tensor Apply(ActivationKind kind, Tensor x) => kind switch
    {
        ActivationKind.Tanh => x.tanh(),
        ActivationKind.Relu => x.relu(),
        ActivationKind.Elu => nn.functional.elu(x, 1.0),
        ActivationKind.Silu => nn.functional.silu(x),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
