using System.Collections.Concurrent;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// Watches every log event of every app the suite starts (<see cref="PeerCircleAppFactory"/> adds one to
/// each host's Serilog pipeline). The canaries: the password every test account has, any test email
/// address (@example.test) and every text a test shared (the sharing helpers call <see cref="Shared"/>).
/// A factory checks its events when it is disposed, so any test class whose run logged one fails.
/// </summary>
public sealed class LogCanary : ILogEventSink
{
    private static readonly List<string> s_shared = [];
    private static readonly Lock s_sharedLock = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly int _sharedFrom;

    public LogCanary()
    {
        lock (s_sharedLock)
        {
            _sharedFrom = s_shared.Count;
        }
    }

    public int Count => _events.Count;

    public IEnumerable<string> Events => _events;

    /// <summary>Records that a test shared <paramref name="text"/>: it must never reach a log.</summary>
    public static void Shared(string? text)
    {
        if (text is { Length: >= 8 })
        {
            lock (s_sharedLock)
            {
                s_shared.Add(text);
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var text = new StringBuilder(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in logEvent.Properties)
        {
            text.Append(' ').Append(name).Append('=').Append(value);
        }

        if (logEvent.Exception is { } exception)
        {
            text.Append(' ').Append(exception);
        }

        _events.Enqueue(text.ToString());
    }

    /// <summary>Every recorded event that carries a canary, with the canary it carries.</summary>
    public IReadOnlyList<string> Violations()
    {
        string[] shared;
        lock (s_sharedLock)
        {
            shared = s_shared.Skip(_sharedFrom).Distinct(StringComparer.Ordinal).ToArray();
        }

        return LogLeakScan.Find(_events, PeerCircleAppFactory.Password, shared);
    }
}
