using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Help;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Safeguarding;

/// <summary>Admins curate the help directory and the risk phrases; "Get help now" and the detector follow at once.</summary>
public sealed class HelpDirectoryTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private async Task<string> HelpAsync(string query)
    {
        var response = await app.CreateBrowserClient().GetAsync(new Uri("/Help" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_seeded_services_need_verification_and_the_admin_dashboard_says_so()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var seeded = await app.WithDbAsync(db => db.HelpEntries.AsNoTracking().ToListAsync());

        Assert.True(seeded.Count >= 15);
        Assert.All(seeded, e => Assert.Null(e.LastVerifiedOn));
        foreach (var region in new[] { "GB", "IE", "US", "CA", "AU" })
        {
            Assert.Contains(seeded, e => e.ServesRegion(region) && e.Kind == HelpKind.Emergency);
            Assert.Contains(seeded, e => e.ServesRegion(region) && e.Kind == HelpKind.CrisisLine);
        }

        var dashboard = await admin.PageTextAsync("/Admin");
        var stale = await app.WithDbAsync(db => db.HelpEntries.CountAsync(e => e.LastVerifiedOn == null));
        Assert.Contains($"{stale} services have not been verified for 6 months.", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_a_service_it_appears_for_its_region_and_verifying_it_clears_the_flag()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await admin.SubmitFormAsync("/Admin/Help/Edit",
        [
            new("Input.Name", "Young Workers Counselling"), new("Input.Kind", nameof(HelpKind.Counselling)),
            new("Input.Description", "Free counselling for people under 26 in their first jobs."), new("Input.Phone", "0800 123 456"),
            new("Input.Url", "https://example.org/counselling"), new("Input.OpeningHours", "Weekdays 9 to 5"), new("Input.Regions", "IE"),
            new("Input.SortOrder", "0"), new("Input.MarkVerified", "false"),
        ]);

        response.AssertRedirectTo("/Admin/Help");
        var entry = await app.WithDbAsync(db => db.HelpEntries.AsNoTracking().SingleAsync(e => e.Name == "Young Workers Counselling"));
        Assert.True(entry.NeedsVerification(DateOnly.FromDateTime(DateTime.UtcNow)));
        var ireland = await HelpAsync("?region=IE");
        Assert.Contains("Young Workers Counselling", ireland, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:0800123456\"", ireland, StringComparison.Ordinal);
        Assert.True(ireland.IndexOf("tel:112", StringComparison.Ordinal) < ireland.IndexOf("Young Workers Counselling", StringComparison.Ordinal));
        Assert.DoesNotContain("Young Workers Counselling", await HelpAsync("?region=GB"), StringComparison.Ordinal);
        Assert.Contains("Needs verification", await admin.PageTextAsync("/Admin/Help"), StringComparison.Ordinal);

        var edit = $"/Admin/Help/Edit/{entry.Id}";
        (await admin.SubmitFormAsync(edit,
        [
            new("Input.Name", "Young Workers Counselling"), new("Input.Kind", nameof(HelpKind.Counselling)),
            new("Input.Description", "Free counselling for people under 26 in their first jobs."), new("Input.Phone", "0800 123 456"),
            new("Input.Regions", "IE"), new("Input.SortOrder", "0"), new("Input.MarkVerified", "true"),
        ])).AssertRedirectTo("/Admin/Help");

        var verified = await app.WithDbAsync(db => db.HelpEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), verified.LastVerifiedOn);
        Assert.Contains(await app.AuditAsync(entry.Id), a => a.Action == SafeguardingAuditActions.HelpEntryVerified);
    }

    [Fact]
    public async Task Get_help_now_is_cached_but_shows_an_admins_change_at_once()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        Assert.DoesNotContain("Apprentice Night Line", await HelpAsync("?region=AU"), StringComparison.Ordinal); // the directory is now cached

        (await admin.SubmitFormAsync("/Admin/Help/Edit",
        [
            new("Input.Name", "Apprentice Night Line"), new("Input.Kind", nameof(HelpKind.Counselling)),
            new("Input.Description", "Someone to talk to after a late shift."), new("Input.Phone", "1800 000 111"),
            new("Input.Regions", "AU"), new("Input.SortOrder", "0"), new("Input.MarkVerified", "false"),
        ])).AssertRedirectTo("/Admin/Help");
        Assert.Contains("Apprentice Night Line", await HelpAsync("?region=AU"), StringComparison.Ordinal);

        var entry = await app.WithDbAsync(db => db.HelpEntries.AsNoTracking().SingleAsync(e => e.Name == "Apprentice Night Line"));
        (await admin.SubmitFormAsync($"/Admin/Help/Edit/{entry.Id}", [], $"/Admin/Help/Edit/{entry.Id}?handler=Delete")).AssertRedirectTo("/Admin/Help");
        Assert.DoesNotContain("Apprentice Night Line", await HelpAsync("?region=AU"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_with_no_way_to_reach_it_is_refused()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await admin.SubmitFormAsync("/Admin/Help/Edit",
        [
            new("Input.Name", "Nowhere line"), new("Input.Kind", nameof(HelpKind.CrisisLine)), new("Input.Description", "Hard to reach."),
            new("Input.Regions", "GB"), new("Input.SortOrder", "0"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Give at least one way to reach the service", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.HelpEntries.AnyAsync(e => e.Name == "Nowhere line")));
    }

    [Fact]
    public async Task Other_services_follow_the_urgent_ones_and_services_for_anywhere_are_listed_too()
    {
        var html = await HelpAsync("?region=GB");

        Assert.True(html.IndexOf("tel:999", StringComparison.Ordinal) < html.IndexOf("Other services", StringComparison.Ordinal));
        Assert.Contains("Mind Infoline", html, StringComparison.Ordinal);
        Assert.Contains("findahelpline.com", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
    }

    [Fact]
    public async Task An_admin_adds_a_risk_phrase_it_is_audited_and_the_detector_uses_it_at_once()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var people = await app.CreateBoardGroupAsync();

        (await admin.SubmitFormAsync("/Admin/RiskPhrases", [new("Input.Phrase", "give up on everything")], "/Admin/RiskPhrases?handler=Add"))
            .AssertRedirectTo("/Admin/RiskPhrases");
        var duplicate = await admin.SubmitFormAsync("/Admin/RiskPhrases", [new("Input.Phrase", "Give-up on   EVERYTHING")], "/Admin/RiskPhrases?handler=Add");

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("which the detector reads the same way", await duplicate.TextAsync(), StringComparison.Ordinal);
        var phrase = await app.WithDbAsync(db => db.RiskPhrases.AsNoTracking().SingleAsync(p => p.Phrase == "give up on everything"));
        Assert.Contains(await app.AuditAsync(phrase.Id), a => a.Action == SafeguardingAuditActions.RiskPhraseAdded && a.Reason == "give up on everything");
        await app.PostRiskyThreadAsync(people.Alice, people.Group.Id, "I'm ready to g1ve up on everything");

        var url = "/Admin/RiskPhrases";
        (await admin.SubmitFormAsync(url, [new("id", phrase.Id.ToString())], $"{url}?handler=Remove")).AssertRedirectTo(url);
        Assert.Contains(await app.AuditAsync(phrase.Id), a => a.Action == SafeguardingAuditActions.RiskPhraseRemoved);
        var after = await people.Bob.Client.PostThreadAsync(people.Group.Id, "Hm", "I'm ready to give up on everything");
        Assert.StartsWith("/Groups/Board/Thread/", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
