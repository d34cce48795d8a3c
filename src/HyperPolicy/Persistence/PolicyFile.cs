using System.Security.Cryptography;
using System.Text;
using HyperRL.HyperPolicy.Persistence;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TorchSharp;

namespace HyperRL.HyperPolicy;

/// <summary>
/// One file per policy: magic, a JSON header (model kind, spec, shapes), the TorchSharp weights, and a SHA-256 of
/// header and weights, so truncation or corruption is reported before torch reads anything. Saves go to a temporary
/// file in the same folder, then replace the target in one move.
/// </summary>
public static class PolicyFile
{
    private static readonly byte[] Magic = "HRLPOL01"u8.ToArray();
    private const int HashSize = 32;

    /// <summary>Writes the model with its kind, spec and shapes (and the environment and a caller's context, when
    /// given); its kind must be one <see cref="PolicyModels"/> can build back.</summary>
    public static void Save(string path, PolicyModel model, PolicyEnvironment? environment = null, JObject? context = null)
    {
        _ = PolicyModels.CreatorFor(model.Kind); // a kind it cannot build would make a file nothing can load
        var headerJson = new JObject
        {
            ["model"] = model.Kind,
            ["spec"] = model.Spec.ToJObject(),
            ["shapes"] = PolicyShapesJson.Write(model.Shapes),
        };
        if (model.OptionsJson is { } options) headerJson["options"] = options;
        if (environment is not null)
            headerJson["environment"] = new JObject { ["id"] = environment.EnvId, ["descriptor"] = new JArray(environment.DescriptorNames) };
        if (context is not null) headerJson["context"] = context;
        var header = Encoding.UTF8.GetBytes(headerJson.ToString(Formatting.None));
        byte[] weights;
        using (var stream = new MemoryStream())
        {
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                model.save(writer);
            weights = stream.ToArray();
        }

        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + $".tmp-{Guid.NewGuid():N}";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(file))
            {
                writer.Write(Magic);
                writer.Write(header.Length);
                writer.Write(header);
                writer.Write((long)weights.Length);
                writer.Write(weights);
                writer.Write(Hash(header, weights));
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Reads and checks the header (and checksum) without building a network.</summary>
    public static PolicyFileHeader ReadHeader(string path) => ReadChecked(path).Header;

    /// <summary>
    /// Rebuilds the model from the file alone, failing clearly if it holds another kind than
    /// <paramref name="expectedKind"/> or was made for other environment shapes than <paramref name="expectedShapes"/>
    /// (each checked only when given).
    /// </summary>
    public static PolicyModel Load(string path, string? expectedKind = null, PolicyShapes? expectedShapes = null,
        PolicyEnvironment? expectedEnvironment = null)
    {
        var contents = ReadChecked(path);
        if (expectedEnvironment is not null && contents.Header.Environment is { } recorded && !recorded.SameAs(expectedEnvironment))
            throw new PolicyFileException($"policy file '{path}' was trained in {recorded}, not in {expectedEnvironment}");
        Expect(path, contents.Header, expectedKind, expectedShapes);
        var model = Build(path, contents.Header);
        try
        {
            LoadWeights(path, contents.Weights, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    /// <summary>Loads weights into an existing model; the file's kind, spec and shapes must match it.</summary>
    public static void LoadInto(string path, PolicyModel target)
    {
        var contents = ReadChecked(path);
        Expect(path, contents.Header, target.Kind, target.Shapes);
        ExpectSpec(path, contents.Header.Spec, target.Spec);
        ExpectOptions(path, contents.Header.Options, target.OptionsJson);
        LoadWeights(path, contents.Weights, target);
        target.InvalidateGeneratedWeights();
    }

    private sealed record Contents(PolicyFileHeader Header, byte[] Weights);

    private static Contents ReadChecked(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFileException($"cannot read policy file '{path}': {e.Message}", e);
        }

        var corrupt = $"policy file '{path}' is corrupt or truncated";
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new PolicyFileException($"'{path}' is not a HyperRL policy file (wrong magic bytes)");
        var offset = Magic.Length;
        if (!TryReadInt32(bytes, ref offset, out var headerLength) || headerLength < 0 || headerLength > bytes.Length - offset)
            throw new PolicyFileException($"{corrupt} (bad header length)");
        var header = bytes.AsSpan(offset, headerLength).ToArray();
        offset += headerLength;
        if (!TryReadInt64(bytes, ref offset, out var weightsLength) || weightsLength < 0 || weightsLength != bytes.Length - offset - HashSize)
            throw new PolicyFileException($"{corrupt} (expected {weightsLength} weight bytes and a checksum, file has {bytes.Length - offset} bytes left)");
        var weights = bytes.AsSpan(offset, (int)weightsLength).ToArray();
        offset += (int)weightsLength;
        if (!bytes.AsSpan(offset, HashSize).SequenceEqual(Hash(header, weights)))
            throw new PolicyFileException($"{corrupt} (checksum mismatch)");

        try
        {
            var json = JObject.Parse(Encoding.UTF8.GetString(header));
            // Not checked against the known kinds here: a header is readable even when this version cannot build its model.
            var model = json.Value<string>("model") ?? throw new FormatException("missing model kind");
            var spec = PolicySpec.FromJObject((JObject?)json["spec"] ?? throw new FormatException("missing spec"));
            var shapes = PolicyShapesJson.Read((JObject?)json["shapes"] ?? throw new FormatException("missing shapes"));
            var environment = json["environment"] is JObject env
                ? new PolicyEnvironment(env.Value<string>("id") ?? throw new FormatException("environment without id"),
                    (env["descriptor"] as JArray ?? throw new FormatException("environment without descriptor")).Select(n => n.Value<string>()!).ToArray())
                : null;
            var options = json["options"] is JObject written ? written : null;
            var context = json["context"] is JObject stored ? stored : null;
            return new Contents(new PolicyFileHeader(model, spec, shapes, environment, options, context), weights);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidCastException or PolicySpecException or NullReferenceException)
        {
            throw new PolicyFileException($"policy file '{path}' has an unreadable header: {PolicySpec.OneLine(e.Message)}", e);
        }
    }

    private static void Expect(string path, PolicyFileHeader header, string? expectedKind, PolicyShapes? expectedShapes)
    {
        if (expectedKind is not null && header.Model != expectedKind)
            throw new PolicyFileException($"policy file '{path}' holds a model of kind '{header.Model}', expected '{expectedKind}'");
        if (expectedShapes is not null && header.Shapes.DescribeDifference(expectedShapes) is { } difference)
            throw new PolicyFileException($"policy file '{path}' was made for other environment shapes: file vs expected {difference}");
    }

    private static void ExpectSpec(string path, PolicySpec fileSpec, PolicySpec targetSpec)
    {
        if (!fileSpec.SameAs(targetSpec))
            throw new PolicyFileException($"policy file '{path}' was made for another policy spec: file {fileSpec.ToJson()} vs target {targetSpec.ToJson()}");
    }

    private static void ExpectOptions(string path, JObject? fileOptions, JObject? targetOptions)
    {
        if (!JToken.DeepEquals(fileOptions, targetOptions))
            throw new PolicyFileException($"policy file '{path}' was made with other model options: file {Describe(fileOptions)} vs target {Describe(targetOptions)}");
    }

    private static string Describe(JObject? options) => options?.ToString(Formatting.None) ?? "(defaults)";

    private static PolicyModel Build(string path, PolicyFileHeader header)
    {
        Func<PolicySpec, PolicyShapes, JObject?, PolicyModel> create;
        try
        {
            create = PolicyModels.CreatorWithOptionsFor(header.Model);
        }
        catch (PolicyFileException e)
        {
            throw new PolicyFileException($"policy file '{path}' holds a model this version cannot build: {e.Message}", e);
        }
        try
        {
            return create(header.Spec, header.Shapes, header.Options);
        }
        catch (PolicySpecException e)
        {
            throw new PolicyFileException($"policy file '{path}' holds an invalid spec: {e.Message}", e);
        }
    }

    private static void LoadWeights(string path, byte[] weights, torch.nn.Module module)
    {
        try
        {
            using var stream = new MemoryStream(weights);
            using var reader = new BinaryReader(stream);
            module.load(reader, strict: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PolicyFileException(
                $"policy file '{path}' weights do not fit the network its spec describes (written by another HyperRL version?): {PolicySpec.OneLine(e.Message)}", e);
        }
    }

    private static byte[] Hash(byte[] header, byte[] weights)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(header);
        sha.AppendData(weights);
        return sha.GetHashAndReset();
    }

    private static bool TryReadInt32(byte[] bytes, ref int offset, out int value)
    {
        value = 0;
        if (bytes.Length - offset < sizeof(int)) return false;
        value = BitConverter.ToInt32(bytes, offset);
        offset += sizeof(int);
        return true;
    }

    private static bool TryReadInt64(byte[] bytes, ref int offset, out long value)
    {
        value = 0;
        if (bytes.Length - offset < sizeof(long)) return false;
        value = BitConverter.ToInt64(bytes, offset);
        offset += sizeof(long);
        return true;
    }
}
