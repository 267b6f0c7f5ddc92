using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;
using static PeerCircle.Web.Tests.Infrastructure.SharingTestData;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>Warn, mute, remove: each action's effect, who may do it, the member told without the moderator named, and its audit entry.</summary>
public sealed class ModerationTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static string Moderate(Guid shareId) => $"/Groups/Board/Member/{shareId}";

    private static Task<HttpResponseMessage> ModerateAsync(Person facilitator, Guid shareId, string handler, string reason, int hours = 24) =>
        facilitator.Client.SubmitFormAsync(Moderate(shareId),
            [new("Input.Reason", reason), new("Input.Hours", hours.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            $"{Moderate(shareId)}?handler={handler}");

    [Fact]
    public async Task A_warning_reaches_the_member_privately_without_naming_the_moderator_and_is_audited()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Venting", "Text.");

        var response = await ModerateAsync(people.Facilitator, thread, "Warn", "Please keep names of colleagues out of posts");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var aliceSees = await people.Alice.GetAsync("/Notifications");
        Assert.Contains("A facilitator of one of your groups sent you a message: Please keep names of colleagues out of posts", aliceSees, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Facilitator.Pseudonym, aliceSees, StringComparison.Ordinal);
        Assert.DoesNotContain("Please keep names", await people.Bob.GetAsync("/Notifications"), StringComparison.Ordinal);
        var entry = Assert.Single(await app.AuditAsync(people.Alice.Id));
        Assert.Equal((AuditActions.MemberWarned, people.Facilitator.Id, people.Group.Id), (entry.Action, entry.ActorId, entry.GroupId));
    }

    [Fact]
    public async Task A_muted_member_cannot_post_in_the_group_for_the_time_chosen_and_is_told_why()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Heated", "Text.");

        var response = await ModerateAsync(people.Facilitator, thread, "Mute", "Cooling off", 72);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var membership = await app.MembershipAsync(people.Group.Id, people.Alice.Id);
        Assert.True(membership!.MutedUntilUtc > DateTime.UtcNow.AddHours(71));
        var refused = await people.Alice.Client.SubmitFormAsync(NewThread(people.Group.Id), [new("Input.Title", "Again"), new("Input.Text", "More")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("A facilitator has paused your posting in this group for a while", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reply = await people.Alice.Client.ReplyAsync(thread, "Reply while muted");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        // Told why above the form, and what she wrote is still in it.
        var replyPage = await reply.Content.ReadAsStringAsync();
        Assert.Matches("<div class=\"text-danger validation-summary-errors\" role=\"alert\">\\s*<ul>\\s*<li>A facilitator has paused your posting in this group for a while", replyPage);
        Assert.Matches("name=\"Reply.Text\">\\s*Reply while muted</textarea>", replyPage);
        Assert.Single(await app.WithDbAsync(db => db.Shares.Where(s => s.AuthorId == people.Alice.Id).ToListAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await people.Bob.Client.ReplyAsync(thread, "Bob is not muted")).StatusCode);
        var told = await people.Alice.GetAsync("/Notifications");
        Assert.Contains("paused your posting", told, StringComparison.Ordinal);
        Assert.Contains("Reason: Cooling off", told, StringComparison.Ordinal);
        Assert.Equal(AuditActions.MemberMuted, Assert.Single(await app.AuditAsync(people.Alice.Id)).Action);
    }

    [Fact]
    public async Task Removing_a_member_ends_their_membership_gives_their_seats_to_the_waitlist_and_closes_the_board_to_them()
    {
        var people = await app.CreateBoardGroupAsync();
        var carol = await app.CreateUserAsync();
        await app.AddMemberAsync(people.Group.Id, carol.Id);
        var session = await app.CreateSessionAsync(people.Group.Id, capacity: 2);
        Assert.Equal(BookingStatus.Waitlisted, await app.ReserveAsync(session.Id, people.Alice.Id, carol.Id, people.Bob.Id));
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Unkind", "Text.");

        var response = await ModerateAsync(people.Facilitator, thread, "Remove", "Repeated breaches of the agreement");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(MembershipStatus.Removed, (await app.MembershipAsync(people.Group.Id, people.Alice.Id))!.Status);
        Assert.Equal(HttpStatusCode.NotFound, await people.Alice.StatusAsync(Board(people.Group.Id)));
        var bookings = (await app.SessionAsync(session.Id)).Bookings;
        Assert.Equal(BookingStatus.Cancelled, bookings.Single(b => b.UserId == people.Alice.Id).Status);
        Assert.Equal(BookingStatus.Going, bookings.Single(b => b.UserId == people.Bob.Id).Status);
        var bobTold = await people.Bob.GetAsync("/Notifications");
        Assert.Contains("A seat opened up: you now have a place in a session you were waiting for.", bobTold, StringComparison.Ordinal);
        Assert.Contains($"/Sessions/Details/{session.Id}", bobTold, StringComparison.Ordinal);
        var told = await people.Alice.GetAsync("/Notifications");
        Assert.Contains("A facilitator removed you from one of your groups. Reason: Repeated breaches of the agreement", told, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Group.Name, told, StringComparison.Ordinal);
        Assert.Equal(AuditActions.MemberRemoved, Assert.Single(await app.AuditAsync(people.Alice.Id)).Action);
    }

    [Fact]
    public async Task Members_and_facilitators_of_another_group_cannot_moderate_and_get_404()
    {
        var people = await app.CreateBoardGroupAsync();
        var other = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Post", "Text.");
        var otherThread = await other.Alice.Client.StartThreadAsync(other.Group.Id, "Post", "Text.");

        Assert.Equal(HttpStatusCode.NotFound, await people.Bob.StatusAsync(Moderate(thread)));
        Assert.Equal(HttpStatusCode.NotFound, await other.Facilitator.StatusAsync(Moderate(thread)));
        var token = await other.Facilitator.Client.FormTokenAsync(Moderate(otherThread));
        var forged = await other.Facilitator.Client.PostFormAsync($"{Moderate(thread)}?handler=Remove", token, [new("Input.Reason", "x")]);

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(MembershipStatus.Active, (await app.MembershipAsync(people.Group.Id, people.Alice.Id))!.Status);
        Assert.Empty(await app.AuditAsync(people.Alice.Id));
    }

    [Fact]
    public async Task Authors_hear_about_replies_and_hidden_posts_without_the_text_or_the_moderator()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Question", "Anyone else?");

        await people.Bob.Client.ReplyAsync(thread, "Reply text canary9f3");
        await people.Facilitator.Client.ThreadActionAsync(thread, "Hide", thread, "Off topic");

        var told = await people.Alice.GetAsync("/Notifications");
        Assert.Contains("Someone replied in a conversation you started.", told, StringComparison.Ordinal);
        Assert.Contains("A moderator hid one of your posts from the group.", told, StringComparison.Ordinal);
        Assert.Contains(Thread(thread), told, StringComparison.Ordinal);
        Assert.Contains($"{Thread(thread)}?p=last", told, StringComparison.Ordinal); // the reply's notice opens the newest replies
        Assert.DoesNotContain("canary9f3", told, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Facilitator.Pseudonym, told, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Bob.Pseudonym, told, StringComparison.Ordinal);
        Assert.Contains("Nothing new.", await people.Bob.GetAsync("/Notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_who_chose_it_get_an_email_that_says_only_that_there_is_something_new()
    {
        var people = await app.CreateBoardGroupAsync();
        await app.ChooseNotificationEmailsAsync(people.Alice.Id);
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Title mailcanary1", "Text mailcanary2");
        var bobsThread = await people.Bob.Client.StartThreadAsync(people.Group.Id, "Bob", "Bob text");

        await people.Bob.Client.ReplyAsync(thread, "Reply mailcanary3");
        await people.Alice.Client.ReplyAsync(bobsThread, "Alice replies mailcanary4");
        await ModerateAsync(people.Facilitator, thread, "Warn", "Warning mailcanary5");

        var toAlice = app.ReadMail().Where(m => m.Contains(people.Alice.User.Email, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, toAlice.Count);
        Assert.All(toAlice, mail =>
        {
            Assert.Contains("Something new for you on PeerCircle", mail, StringComparison.Ordinal);
            Assert.Contains("/Notifications", mail, StringComparison.Ordinal);
            Assert.DoesNotContain("mailcanary", mail, StringComparison.Ordinal);
            Assert.DoesNotContain(people.Group.Name, mail, StringComparison.Ordinal);
            Assert.DoesNotContain(people.Bob.Pseudonym, mail, StringComparison.Ordinal);
            Assert.DoesNotContain(people.Facilitator.Pseudonym, mail, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(app.ReadMail(), m => m.Contains(people.Bob.User.Email, StringComparison.Ordinal));
    }
}
