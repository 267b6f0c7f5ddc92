using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Safeguarding;

/// <summary>A facilitator privately sends a member chosen services from the directory with a short note.</summary>
public sealed class SignpostTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static string Signpost(Guid groupId, Guid userId) => $"/Facilitate/Signpost/{groupId}/{userId}";

    [Fact]
    public async Task The_member_gets_the_services_and_the_note_in_the_app_and_an_email_that_says_nothing_of_it()
    {
        var people = await app.CreateBoardGroupAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == people.Alice.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailNotifications, true)));
        var entries = await app.WithDbAsync(db => db.HelpEntries.AsNoTracking().Where(e => e.Name == "Samaritans" || e.Name == "Shout").ToListAsync());

        var response = await people.Facilitator.Client.SubmitFormAsync(Signpost(people.Group.Id, people.Alice.Id),
            entries.Select(e => new KeyValuePair<string, string>("Input.EntryIds", e.Id.ToString()))
                .Append(new("Input.Note", "Thinking of you. These helped me once.")));

        response.AssertRedirectTo(Signpost(people.Group.Id, people.Alice.Id));
        var notification = Assert.Single(await app.NotificationsOfAsync(people.Alice.Id));
        Assert.Contains("Samaritans (call 116 123", notification.Text, StringComparison.Ordinal);
        Assert.Contains("text SHOUT to 85258", notification.Text, StringComparison.Ordinal);
        Assert.Contains("Thinking of you. These helped me once.", notification.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Group.Name, notification.Text, StringComparison.Ordinal);
        var mail = Assert.Single(app.MailTo(people.Alice.User.Email));
        Assert.DoesNotContain("Samaritans", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Thinking of you", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(people.Alice.Id), a => a.Action == SafeguardingAuditActions.MemberSignposted && a.ActorId == people.Facilitator.Id);
        Assert.Empty(await app.NotificationsOfAsync(people.Bob.Id));
    }

    [Fact]
    public async Task Only_a_facilitator_of_the_group_can_signpost_one_of_its_members()
    {
        var people = await app.CreateBoardGroupAsync();
        var other = await app.CreateBoardGroupAsync();

        Assert.Equal(HttpStatusCode.OK, await people.Facilitator.StatusAsync(Signpost(people.Group.Id, people.Alice.Id)));
        Assert.Equal(HttpStatusCode.NotFound, await other.Facilitator.StatusAsync(Signpost(people.Group.Id, people.Alice.Id)));
        Assert.Equal(HttpStatusCode.NotFound, await people.Facilitator.StatusAsync(Signpost(people.Group.Id, other.Alice.Id)));
        Assert.NotEqual(HttpStatusCode.OK, await people.Bob.StatusAsync(Signpost(people.Group.Id, people.Alice.Id)));
    }

    [Fact]
    public async Task Sending_nothing_is_refused()
    {
        var people = await app.CreateBoardGroupAsync();

        var response = await people.Facilitator.Client.SubmitFormAsync(Signpost(people.Group.Id, people.Alice.Id), [new("Input.Note", "Hi")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose at least one service", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.NotificationsOfAsync(people.Alice.Id));
    }
}
