using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

/// <summary>Discrete actions: raw outputs are logits [B, n]; actions are int64 [B].</summary>
internal sealed class CategoricalHead(int actionCount) : PolicyHead("categorical")
{
    public override int RawSize => actionCount;

    public override (Tensor Action, Tensor LogProb) Sample(Tensor raw, bool deterministic)
    {
        var logProbs = raw.log_softmax(-1);
        // multinomial draws from torch's global generator, so torch.manual_seed makes runs reproducible.
        var action = deterministic ? logProbs.argmax(-1) : multinomial(logProbs.exp(), 1).squeeze(-1);
        return (action, logProbs.gather(-1, action.unsqueeze(-1)).squeeze(-1));
    }

    public override Tensor LogProb(Tensor raw, Tensor actions) =>
        raw.log_softmax(-1).gather(-1, actions.to(ScalarType.Int64).unsqueeze(-1)).squeeze(-1);

    public override void EmitOnnxOutputs(OnnxGraph graph, string raw, PolicyShapes shapes)
    {
        graph.Output("action", graph.ArgMax(raw, 1), OnnxElementType.Int64);
        graph.Output("logits", raw, OnnxElementType.Float32, actionCount);
    }

    public override Inference.HeadSnapshot Snapshot() => new Inference.CategoricalHeadSnapshot();

    public override Tensor Entropy(Tensor raw)
    {
        var logProbs = raw.log_softmax(-1);
        return -(logProbs.exp() * logProbs).sum(-1);
    }
}
