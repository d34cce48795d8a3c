using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Turns the config's device name into a torch device, with a clear error when CUDA is absent.</summary>
public static class TorchDevices
{
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new InvalidOperationException(
            "device 'cuda' requested, but TorchSharp's CUDA backend is not available: this build uses TorchSharp-cpu. " +
            "Rebuild with -p:TorchBackend=cuda (needs the TorchSharp-cuda-linux package and an NVIDIA driver), or use --device cpu."),
        _ => throw new ArgumentException($"unknown device '{name}'; allowed: cpu, cuda"),
    };
}
