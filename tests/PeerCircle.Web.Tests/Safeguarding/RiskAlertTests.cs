using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Safeguarding;

/// <summary>A board post with a risk phrase: posted as usual, the author sees the caring page, the group's facilitators (only) get an alert opening a draft concern.</summary>
public sealed partial class RiskAlertTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_risky_post_is_posted_as_usual_and_its_author_sees_the_caring_page_with_urgent_options()
    {
        var people = await app.CreateBoardGroupAsync();

        var response = await people.Alice.Client.PostThreadAsync(people.Group.Id, "A hard week", "Some nights I want to KILL   my-self, honestly.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Help/Support?", location, StringComparison.Ordinal);
        Assert.DoesNotContain("kill", location, StringComparison.OrdinalIgnoreCase);
        var share = await app.WithDbAsync(db => db.Shares.AsNoTracking().SingleAsync(s => s.AuthorId == people.Alice.Id));
        Assert.Contains(share.Id.ToString(), Uri.UnescapeDataString(location), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(location, UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd("en-GB");
        var page = await people.Alice.Client.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("href=\"tel:999\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:116123\"", html, StringComparison.Ordinal);
        Assert.Contains("sms:85258", html, StringComparison.Ordinal);
        Assert.True(UrgentOption().Count(html) <= 3);
        Assert.Contains($"href=\"/Groups/Board/Thread/{share.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("my-self", html, StringComparison.Ordinal);

        // Posted as usual: the group sees it.
        var thread = await people.Bob.Client.PageTextAsync(SharingTestData.Thread(share.Id));
        Assert.Contains("Some nights I want to KILL", thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_groups_facilitators_are_alerted_and_the_alert_never_quotes_the_post_or_names_the_group()
    {
        var people = await app.CreateBoardGroupAsync();
        var other = await app.CreateBoardGroupAsync();

        var shareId = await app.PostRiskyThreadAsync(people.Alice, people.Group.Id, "I just want to end it all, canary-risk-41.");

        var concern = await app.ConcernAboutAsync(shareId);
        Assert.NotNull(concern);
        Assert.Equal(ConcernStatus.Draft, concern.Status);
        Assert.Equal(ConcernSource.Detector, concern.Source);
        Assert.Equal(people.Alice.Id, concern.SubjectId);
        var alert = Assert.Single(await app.NotificationsOfAsync(people.Facilitator.Id));
        Assert.Equal(RiskAlerts.FacilitatorAlert, alert.Text);
        Assert.Equal(SafeguardingTestData.Draft(concern.Id), alert.Link);
        Assert.DoesNotContain(people.Group.Name, alert.Text, StringComparison.Ordinal);
        Assert.Empty(await app.NotificationsOfAsync(people.Alice.Id));
        Assert.Empty(await app.NotificationsOfAsync(people.Bob.Id));
        Assert.Empty(await app.NotificationsOfAsync(other.Facilitator.Id));

        Assert.Contains("1 post in your groups may need your attention", await people.Facilitator.Client.PageTextAsync("/Facilitate"), StringComparison.Ordinal);
        Assert.DoesNotContain("may need your attention", await other.Facilitator.Client.PageTextAsync("/Facilitate"), StringComparison.Ordinal);

        // The alert opens the draft for the group's facilitator, and for nobody else.
        var draft = await people.Facilitator.Client.PageTextAsync(alert.Link!);
        Assert.Contains("canary-risk-41", draft, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await other.Facilitator.StatusAsync(alert.Link!));
        Assert.NotEqual(HttpStatusCode.OK, await people.Bob.StatusAsync(alert.Link!));

        var logs = await app.ReadLogsWhenAsync(concern.Id.ToString());
        Assert.Contains(shareId.ToString(), logs, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-risk-41", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("end it all", logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_risky_reply_is_added_to_the_draft_already_waiting_without_a_second_alert()
    {
        var people = await app.CreateBoardGroupAsync();
        var shareId = await app.PostRiskyThreadAsync(people.Alice, people.Group.Id);

        var reply = await people.Alice.Client.ReplyAsync(shareId, "Still feel su1c1dal tonight");

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.StartsWith("/Help/Support", reply.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var concern = await app.ConcernAboutAsync(shareId);
        Assert.Equal(2, concern!.Snapshots.Count);
        Assert.Single(await app.NotificationsOfAsync(people.Facilitator.Id));
    }

    [Theory]
    [InlineData("I need to skill myself up before my review")]
    [InlineData("The project will end. It all went fine in the end")]
    public async Task An_ordinary_post_goes_straight_to_the_conversation_and_raises_nothing(string text)
    {
        var people = await app.CreateBoardGroupAsync();

        var response = await people.Alice.Client.PostThreadAsync(people.Group.Id, "Work", text);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Groups/Board/Thread/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await app.NotificationsOfAsync(people.Facilitator.Id));
        Assert.False(await app.WithDbAsync(db => db.Concerns.AnyAsync(c => c.GroupId == people.Group.Id)));
    }

    [Fact]
    public async Task The_hook_works_for_a_live_session_message_too()
    {
        var people = await app.CreateBoardGroupAsync();
        var session = await app.CreateSessionAsync(people.Group.Id);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var now = DateTime.UtcNow;
        var message = Share.InSession(new ShareAuthor(people.Bob.Id, people.Group.Id, true, true, false), session.Id, now.AddHours(1), 30,
            ShareKind.SessionMessage, "I wanna die", ShareAudience.Group, ShareByline.Anonymous, now);
        db.Shares.Add(message);
        await db.SaveChangesAsync();

        var alerted = await scope.ServiceProvider.GetRequiredService<RiskAlerts>().OnShareSavedAsync(message);

        Assert.True(alerted);
        var concern = await app.ConcernAboutAsync(message.Id);
        Assert.Equal(ShareKind.SessionMessage, Assert.Single(concern!.Snapshots).Kind);
        Assert.Single(await app.NotificationsOfAsync(people.Facilitator.Id));
        Assert.Equal("/Help/Support?returnUrl=%2FSessions%2Fx&posted=True", scope.ServiceProvider.GetRequiredService<RiskAlerts>().InterstitialUrl("/Sessions/x"));
    }

    [Fact]
    public async Task The_caring_page_never_sends_the_author_to_another_site()
    {
        var html = await (await app.CreateBrowserClient().GetAsync(new Uri("/Help/Support?returnUrl=https%3A%2F%2Fevil.example%2F", UriKind.Relative)))
            .Content.ReadAsStringAsync();

        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("Your local emergency number", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("class=\"urgent-option")]
    private static partial Regex UrgentOption();
}
