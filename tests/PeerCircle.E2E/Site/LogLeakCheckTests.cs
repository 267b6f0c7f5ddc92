using PeerCircle.E2E.Infrastructure;

namespace PeerCircle.E2E.Site;

/// <summary>
/// The browser suite's log check (<see cref="AppFixture"/> reads the app's log files when the suite ends and
/// fails it if a canary is there) flags what it must and nothing else.
/// </summary>
public class LogLeakCheckTests
{
    [Fact]
    public void The_log_check_flags_the_test_password_and_test_email_addresses_and_passes_clean_lines()
    {
        string[] lines =
        [
            """{"@mt":"Request finished","StatusCode":200}""",
            $$"""{"@mt":"Sign-in attempt","Password":"{{AppFixture.Password}}"}""",
            """{"@mt":"Sent to {To}","To":"sparrow-1a2b@Example.test"}""",
            """{"@mt":"Booking {BookingId} made","BookingId":"6f1c"}""",
        ];

        var leaks = AppFixture.LogLeaks(lines);

        Assert.Equal(2, leaks.Count);
        Assert.Contains(leaks, l => l.Contains("Sign-in attempt", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("Example.test", StringComparison.Ordinal));
    }

    [Fact]
    public void The_log_check_flags_text_a_person_shared_whole_or_by_its_marker_and_nothing_similar()
    {
        var shared = SharedText.Mark("My manager shouts at me in front of everyone.");
        var marker = shared[(shared.LastIndexOf('(') + 1)..^1];
        var sent = SharedText.Register("A room message sent through the helper, as it was typed.");
        string[] lines =
        [
            $$"""{"@mt":"Share posted","Text":"{{shared}}"}""",
            // The log cut the text short and escaped it, but the marker survives.
            $$"""{"@mt":"Validation failed","Value":"My manager shouts at me in front of every\u2026 ({{marker}})"}""",
            $$"""{"@mt":"Hub message","Arguments":["{{sent}}"]}""",
            // The same words without this test's marker are someone else's text, not a leak of this one.
            """{"@mt":"Share posted","Text":"My manager shouts at me in front of everyone."}""",
            """{"@mt":"Share {ShareId} posted","ShareId":"0b7e"}""",
        ];

        var leaks = AppFixture.LogLeaks(lines);

        Assert.Equal(3, leaks.Count);
        Assert.All(leaks, l => Assert.StartsWith("shared text", l, StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("Validation failed", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("Hub message", StringComparison.Ordinal));
        Assert.DoesNotContain(leaks, l => l.Contains("\"Text\":\"My manager shouts at me in front of everyone.\"", StringComparison.Ordinal));
    }
}
