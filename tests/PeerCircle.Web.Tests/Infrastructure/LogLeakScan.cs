using System.Text.RegularExpressions;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// Which log lines carry a canary: the test password, a test email address (@example.test) or a text a person
/// shared, each reported with the canary it carries. One rule for the in-process LogCanary sink and
/// the browser suite's check of the app's log files (this file is linked into PeerCircle.E2E).
/// </summary>
public static partial class LogLeakScan
{
    public static List<string> Find(IEnumerable<string> lines, string password, IReadOnlyCollection<string> shared)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(shared);
        var found = new List<string>();
        foreach (var line in lines)
        {
            var canary = line.Contains(password, StringComparison.Ordinal) ? "the test password"
                : TestEmail().Match(line) is { Success: true } m ? $"the email {m.Value}"
                : shared.FirstOrDefault(s => line.Contains(s, StringComparison.Ordinal)) is { } s ? $"shared text \"{s}\""
                : null;
            if (canary is not null)
            {
                found.Add($"{canary} in: {line[..Math.Min(line.Length, 400)]}");
            }
        }

        return found;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@example\.test", RegexOptions.IgnoreCase)]
    private static partial Regex TestEmail();
}
