namespace HyperRL.Agents.Training;

/// <summary>Loads one file of a checkpoint, turning whatever the loader throws into one line that names the file.</summary>
public static class CheckpointFile
{
    public static void Load(string directory, string name, Action<string> load)
    {
        string path = Path.Combine(directory, name);
        if (!File.Exists(path)) throw new InvalidOperationException($"checkpoint file '{path}' is missing");
        try
        {
            load(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"checkpoint file '{path}' is corrupt or does not match the run's config ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }
}
