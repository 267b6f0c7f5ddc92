using System.Net;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Pages.Admin.Audit;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

/// <summary>The audit log viewer: filters, pages and the CSV export. A fresh app per test, so the log holds only what the test wrote.</summary>
public sealed class AuditViewerTests : IDisposable
{
    private const string Audit = "/Admin/Audit";
    private readonly PeerCircleAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private Task AddAsync(params AuditEntry[] entries) =>
        _app.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Entries_are_filtered_by_actor_action_record_and_date()
    {
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);
        var alice = await _app.CreateUserAsync(Roles.Facilitator);
        var bob = await _app.CreateUserAsync(Roles.Facilitator);
        var record = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await AddAsync(
            new AuditEntry(now.AddDays(-10), alice.Id, AuditActions.ShareHidden, "Share", record, null, "reason-old"),
            new AuditEntry(now.AddMinutes(-5), alice.Id, AuditActions.ShareHidden, "Share", Guid.NewGuid(), null, "reason-alice"),
            new AuditEntry(now.AddMinutes(-4), bob.Id, AuditActions.MemberWarned, "Membership", Guid.NewGuid(), null, "reason-bob"));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));

        var byActor = await admin.PageTextAsync($"{Audit}?actor={Uri.EscapeDataString(bob.Pseudonym)}");
        var byEmail = await admin.PageTextAsync($"{Audit}?actor={Uri.EscapeDataString(alice.Email)}");
        var byAction = await admin.PageTextAsync($"{Audit}?action={AuditActions.MemberWarned}");
        var byRecord = await admin.PageTextAsync($"{Audit}?recordType=Share&recordId={record}");
        var byDate = await admin.PageTextAsync($"{Audit}?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var unknown = await admin.PageTextAsync($"{Audit}?actor=nobody-at-all");

        Assert.Equal(["reason-bob"], Reasons(byActor));
        Assert.Equal(["reason-alice", "reason-old"], Reasons(byEmail));
        Assert.Equal(["reason-bob"], Reasons(byAction));
        Assert.Equal(["reason-old"], Reasons(byRecord));
        Assert.Equal(["reason-bob", "reason-alice"], Reasons(byDate));
        Assert.Empty(Reasons(unknown));
        Assert.Contains("No one has that pseudonym or email address.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filter_values_get_a_message_not_an_error_page()
    {
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);

        var badId = await admin.GetAsync(new Uri($"{Audit}?recordId=not-an-id", UriKind.Relative));
        var badDates = await admin.GetAsync(new Uri($"{Audit}?from=2026-05-02&to=2026-05-01", UriKind.Relative));
        var notADate = await admin.GetAsync(new Uri($"{Audit}?from=yesterday&p=-4", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, badId.StatusCode);
        Assert.Contains("A record id looks like", await badId.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("The end date is before the start date.", await badDates.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, notADate.StatusCode);
    }

    [Fact]
    public async Task The_log_is_shown_a_page_at_a_time_newest_first()
    {
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);
        var actor = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await AddAsync(Enumerable.Range(0, IndexModel.PageSize + 3)
            .Select(i => new AuditEntry(now.AddMinutes(-i), actor, AuditActions.ThreadPinned, "Share", Guid.NewGuid(), null, $"entry-{i:000}")).ToArray());

        var first = Reasons(await admin.PageTextAsync(Audit));
        var second = Reasons(await admin.PageTextAsync($"{Audit}?p=2"));

        Assert.Equal(IndexModel.PageSize, first.Count);
        Assert.Equal("entry-000", first[0]);
        Assert.Equal(["entry-050", "entry-051", "entry-052"], second);
    }

    [Fact]
    public async Task The_csv_export_holds_the_filtered_set_with_formulas_defused()
    {
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);
        var actor = await _app.CreateUserAsync();
        var now = DateTime.UtcNow;
        await AddAsync(
            new AuditEntry(now.AddMinutes(-3), actor.Id, AuditActions.MemberMuted, "Membership", Guid.NewGuid(), null, "=HYPERLINK(\"http://evil\",\"x\")"),
            new AuditEntry(now.AddMinutes(-2), actor.Id, AuditActions.MemberMuted, "Membership", Guid.NewGuid(), null, "+1, and \"quoted\""),
            new AuditEntry(now.AddMinutes(-1), actor.Id, AuditActions.ThreadPinned, "Share", Guid.NewGuid(), null, "not exported"));
        for (var i = 0; i < 60; i++)
        {
            await AddAsync(new AuditEntry(now.AddDays(-1).AddMinutes(-i), actor.Id, AuditActions.MemberMuted, "Membership", Guid.NewGuid(), null, "@bulk"));
        }

        var response = await admin.GetAsync(new Uri($"{Audit}?handler=Csv&action={AuditActions.MemberMuted}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 62, lines.Length); // header, then every matching entry (more than a page)
        Assert.StartsWith("When (UTC),Who,Action", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("not exported", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",\"'+1, and \"\"quoted\"\"\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimEnd('\r').EndsWith(",'@bulk", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(actor.Pseudonym, l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("plain text", "plain text")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData(null, "")]
    public void Csv_cells_are_quoted_and_formulas_defused(string? value, string expected) => Assert.Equal(expected, Csv.Cell(value));

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.SafeguardingLead)]
    public async Task Only_admins_read_or_export_the_log(string role)
    {
        var (client, _) = await _app.SignedInClientAsync(role);

        (await client.GetAsync(new Uri(Audit, UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
        (await client.GetAsync(new Uri($"{Audit}?handler=Csv", UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
    }

    private static List<string> Reasons(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, @"<td>((?:reason|entry)-[a-z0-9]+)</td>").Select(m => m.Groups[1].Value).ToList();
}
