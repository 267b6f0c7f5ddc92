using System.Diagnostics;

namespace PeerCircle.Bench.Room;

/// <summary>
/// What every bench does around its measurements: find the repository, publish a project as it would be
/// deployed, and describe the machine and commit in its report. One implementation, linked into the page
/// bench (bench/PeerCircle.Bench.Pages) like <see cref="ServerProcess"/>.
/// </summary>
internal static class BenchHost
{
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PeerCircle.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the bench from inside the PeerCircle repository.");
    }

    /// <summary>Publishes a project (Release) to artifacts/bench/{name}, as it would be deployed; with <paramref name="skip"/>, reuses the last publish if there is one.</summary>
    public static async Task<string> PublishAsync(string repo, string project, string name, string dllName, bool skip)
    {
        var output = Path.Combine(repo, "artifacts", "bench", name);
        var dll = Path.Combine(output, dllName);
        if (skip && File.Exists(dll))
        {
            return dll;
        }

        Console.WriteLine($"Publishing {project} (Release) to {output} ...");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = repo };
        foreach (var arg in (string[])["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run dotnet publish.");
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? dll : throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}).");
    }

    /// <summary>What <c>git {args}</c> prints in the repository ("unknown" without git).</summary>
    public static string Git(string repo, string args)
    {
        try
        {
            var info = new ProcessStartInfo("git", args) { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    public static string Cpu()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
