namespace PeerCircle.Bench.Pages;

/// <summary>
/// The request lines a server wrote to its log file (compact JSON, one per request from Serilog's request logging),
/// so the bench can check that both servers logged every request, as the issue asks ("same logging level"): the
/// Fortunes baseline logged none until 7 December (its request logging wrote to Serilog's silent static logger).
/// </summary>
internal static class RequestLog
{
    private const string Marker = "\"SourceContext\":\"Serilog.AspNetCore.RequestLoggingMiddleware\"";

    public static long Count(string workDirectory)
    {
        var logs = Path.Combine(workDirectory, "logs");
        return Directory.Exists(logs)
            ? Directory.EnumerateFiles(logs, "*.json").Sum(f => File.ReadLines(f).LongCount(l => l.Contains(Marker, StringComparison.Ordinal)))
            : 0;
    }
}
