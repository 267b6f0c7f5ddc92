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
}
