using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>The profile's notification choice: in-app notices of replies can be turned off; the rest always arrive.</summary>
public sealed class NotificationChoiceTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string Profile = "/Identity/Account/Manage";

    [Fact]
    public async Task Someone_who_turned_reply_notices_off_gets_no_notice_of_a_reply_and_the_others_still_do()
    {
        var people = await app.CreateBoardGroupAsync();
        var quiet = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Night shifts", "How do you sleep?");
        var chatty = await people.Bob.Client.StartThreadAsync(people.Group.Id, "Breaks", "Do you take them?");
        (await people.Alice.Client.SubmitFormAsync(Profile,
            [new("Input.Pseudonym", people.Alice.User.Pseudonym), new("Input.TimeZoneId", "Europe/London"), new("Input.Region", "GB"),
             new("Input.DiscreetMode", "true"), new("Input.ReplyNotices", "false")])).AssertRedirectTo(Profile);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == people.Alice.User.Id).Select(u => u.ReplyNoticesOff).SingleAsync()));

        await people.Facilitator.Client.ReplyAsync(quiet, "Earplugs help me.");
        await people.Facilitator.Client.ReplyAsync(chatty, "Every two hours.");

        Assert.DoesNotContain(Notifier.Reply, await people.Alice.Client.PageTextAsync("/Notifications"), StringComparison.Ordinal);
        Assert.Contains(Notifier.Reply, await people.Bob.Client.PageTextAsync("/Notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_reads_the_author_s_notice_and_email_choices_in_one_query_and_emails_only_those_who_asked()
    {
        var people = await app.CreateBoardGroupAsync();
        await app.ChooseNotificationEmailsAsync(people.Alice.Id);
        var alicesThread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Rotas", "Who else works weekends?");
        var bobsThread = await people.Bob.Client.StartThreadAsync(people.Group.Id, "Commute", "Long days.");
        var token = await people.Facilitator.Client.FormTokenAsync(SharingTestData.Thread(alicesThread));

        foreach (var (thread, author) in new[] { (alicesThread, people.Alice), (bobsThread, people.Bob) })
        {
            var (response, commands) = await app.PostCountingSqlAsync(people.Facilitator.Client, $"{SharingTestData.Thread(thread)}?handler=Reply",
                [new("Reply.Text", "Thanks for sharing this."), new("Reply.Audience", "Group"), new("Reply.Byline", "Pseudonym"), new("__RequestVerificationToken", token)]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Single(commands, c => c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal) && c.Contains("\"ReplyNoticesOff\"", StringComparison.Ordinal));
            Assert.DoesNotContain(commands, c => c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal) && !c.Contains("\"ReplyNoticesOff\"", StringComparison.Ordinal)
                && c.Contains("\"EmailNotifications\"", StringComparison.Ordinal));
            Assert.Contains(Notifier.Reply, await author.Client.PageTextAsync("/Notifications"), StringComparison.Ordinal);
        }

        Assert.Single(app.ReadMail(), m => m.Contains(people.Alice.User.Email, StringComparison.Ordinal));
        Assert.DoesNotContain(app.ReadMail(), m => m.Contains(people.Bob.User.Email, StringComparison.Ordinal));
    }
}
