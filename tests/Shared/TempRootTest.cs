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

    /// <summary>Writes <paramref name="json"/> to a new file of its own under <see cref="Root"/> and returns its path.</summary>
    protected string WriteJson(string json)
    {
        string path = Path.Combine(Root, $"file-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
