using System.Text;

namespace PeerCircle.Bench.Pages;

/// <summary>
/// The request lines a server writes to its log files (compact JSON, one per request from Serilog's request logging)
/// from a mark on, so the bench can check that both servers logged a line for every request of every measured run, as
/// the issue asks ("same logging level"). The Fortunes baseline logged none until 7 December: its request logging
/// wrote to Serilog's static logger, which <c>preserveStaticLogger</c> leaves silent.
/// </summary>
internal sealed class RequestLog
{
    private static readonly byte[] s_marker = Encoding.UTF8.GetBytes("\"SourceContext\":\"Serilog.AspNetCore.RequestLoggingMiddleware\"");

    private readonly string _folder;
    private readonly Dictionary<string, long> _lengths;

    private RequestLog(string workDirectory)
    {
        _folder = Path.Combine(workDirectory, "logs");
        _lengths = Files().ToDictionary(f => f, f => new FileInfo(f).Length);
    }

    /// <summary>Marks where the server's log files end now.</summary>
    public static RequestLog Mark(string workDirectory) => new(workDirectory);

    /// <summary>The request lines written since the mark (a file that rolled over is read from its start).</summary>
    public long Count()
    {
        long lines = 0;
        var buffer = new byte[1 << 20];
        foreach (var file in Files())
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Position = Math.Min(_lengths.GetValueOrDefault(file), stream.Length);
            // In chunks of a megabyte (plaintext logs hundreds of megabytes in a run); a marker cut by a chunk's end
            // is found whole in the next, which starts with the part of this one after the last marker found.
            var kept = 0;
            int read;
            while ((read = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
            {
                var chunk = buffer.AsSpan(0, kept + read);
                var end = 0;
                for (var at = chunk; at.IndexOf(s_marker) is var i and >= 0; at = at[(i + s_marker.Length)..])
                {
                    lines++;
                    end = chunk.Length - at.Length + i + s_marker.Length;
                }

                kept = Math.Min(chunk.Length - end, s_marker.Length - 1);
                chunk[^kept..].CopyTo(buffer);
            }
        }

        return lines;
    }

    private IEnumerable<string> Files() => Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*.json") : [];
}
