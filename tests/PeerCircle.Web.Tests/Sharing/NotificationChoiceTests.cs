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
}
