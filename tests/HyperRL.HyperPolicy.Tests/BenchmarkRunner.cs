namespace HyperRL.HyperPolicy.Tests;

/// <summary>Runs the policy benchmark on demand (dotnet test --filter Name=PrintPolicyBenchmark); never in the normal suite.</summary>
public sealed class BenchmarkRunner
{
    [Test]
    [Explicit("benchmark, prints timings")]
    public void PrintPolicyBenchmark()
    {
        foreach (var line in HyperPolicyBenchmark.Report())
            TestContext.Out.WriteLine(line);
    }
}
