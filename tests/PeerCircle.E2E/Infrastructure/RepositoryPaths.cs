namespace PeerCircle.E2E.Infrastructure;

/// <summary>Folders of the repository the tests write into (screenshots, logs, README images).</summary>
public static class RepositoryPaths
{
    public const string UpdateScreenshotsVariable = "PEERCIRCLE_UPDATE_SCREENSHOTS";

    public static string Root { get; } = FindRoot();

    public static string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    public static string E2ELogs => Path.Combine(Root, "artifacts", "e2e-logs");

    /// <summary>Images the README shows; only rewritten on purpose (PEERCIRCLE_UPDATE_SCREENSHOTS=1).</summary>
    public static string DocsImages => Path.Combine(Root, "docs", "images");

    public static bool UpdateDocsImages =>
        Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1";

    public static string Screenshot(string name) =>
        Path.Combine(Directory.CreateDirectory(Screenshots).FullName, name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PeerCircle.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"PeerCircle.sln was not found above {AppContext.BaseDirectory}.");
    }
}
