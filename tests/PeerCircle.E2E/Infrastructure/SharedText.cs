using System.Collections.Concurrent;

namespace PeerCircle.E2E.Infrastructure;

/// <summary>
/// Every text a person shares in the browser suite (board posts and replies, reports, live-room and one-to-one
/// messages, goals and steps, concern text and notes) is registered here as a canary: <see cref="AppFixture"/>
/// fails the suite if any of them reaches a line of the app's log files (<see cref="AppFixture.LogLeaks"/>).
/// </summary>
public static class SharedText
{
    private static readonly ConcurrentDictionary<string, byte> s_canaries = new(StringComparer.Ordinal);

    /// <summary>The canaries registered so far: whole texts and their markers.</summary>
    public static IReadOnlyCollection<string> Canaries => s_canaries.Keys.ToArray();

    /// <summary>
    /// <paramref name="text"/> with a unique marker added (e.g. "… (sh1f3a9c0d)"), registered both whole and by its
    /// marker: a log line with the marker is this test's shared text, even if the log cut or escaped the rest.
    /// </summary>
    public static string Mark(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var marker = "sh" + Guid.NewGuid().ToString("N")[..8];
        var marked = $"{text} ({marker})";
        Register(marked);
        Register(marker);
        return marked;
    }

    /// <summary>Registers a text as it is (the helpers register whatever they send; very short texts are ignored).</summary>
    public static string Register(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 10)
        {
            s_canaries.TryAdd(text, 0);
        }

        return text;
    }
}
