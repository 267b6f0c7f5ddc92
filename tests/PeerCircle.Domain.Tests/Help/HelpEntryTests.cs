using PeerCircle.Domain.Help;

namespace PeerCircle.Domain.Tests.Help;

public sealed class HelpEntryTests
{
    private static HelpEntryDetails Details(string? phone = "116 123", string? url = "https://www.samaritans.org", string[]? regions = null, HelpKind kind = HelpKind.CrisisLine) =>
        new("Samaritans", kind, "Talk to someone.", phone, null, null, url, "24/7", regions ?? ["gb"], null);

    [Fact]
    public void An_entry_is_flagged_until_verified_and_again_six_months_later()
    {
        var entry = new HelpEntry(Details(), DateTime.UtcNow);
        var today = new DateOnly(2026, 11, 27);

        Assert.True(entry.NeedsVerification(today));
        entry.MarkVerified(Guid.NewGuid(), today);
        Assert.False(entry.NeedsVerification(today.AddMonths(6)));
        Assert.True(entry.NeedsVerification(today.AddMonths(6).AddDays(1)));
        Assert.Equal("GB", entry.Regions);
    }

    [Theory]
    [InlineData(null, null, "GB")]
    [InlineData("call me", null, "GB")]
    [InlineData("116 123", "http://insecure.example", "GB")]
    [InlineData("116 123", null, "")]
    public void An_entry_that_cannot_be_reached_or_shown_is_refused(string? phone, string? url, string region) =>
        Assert.Throws<DomainException>(() => new HelpEntry(Details(phone, url, region.Length == 0 ? [] : [region]), DateTime.UtcNow));

    [Fact]
    public void An_emergency_entry_may_just_say_to_call_the_local_number() =>
        Assert.Equal(HelpKind.Emergency, new HelpEntry(Details(null, null, ["INT"], HelpKind.Emergency), DateTime.UtcNow).Kind);
}
