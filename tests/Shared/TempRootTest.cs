namespace HyperRL.Testing;

/// <summary>
/// Base of the fixtures whose tests each write into a fresh temporary directory (<see cref="Root"/>), removed after
/// the test; linked into every test project that needs it.
/// </summary>
public abstract class TempRootTest(string prefix)
{
    /// <summary>The current test's own directory.</summary>
    protected string Root { get; private set; } = "";

    [SetUp]
    public void CreateRoot() => Root = Directory.CreateTempSubdirectory(prefix).FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(Root, recursive: true);
}
