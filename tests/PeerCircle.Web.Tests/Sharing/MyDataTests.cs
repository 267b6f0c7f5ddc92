using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;
using static PeerCircle.Web.Tests.Infrastructure.SharingTestData;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>Exporting my data (mine only) and deleting my account (no personal data left in the database file).</summary>
public sealed class MyDataTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string Page = "/Identity/Account/Manage/MyData";

    private static Task<HttpResponseMessage> DeleteAsync(Person person, string shares) =>
        person.Client.SubmitFormAsync(Page,
            [new("Input.Password", PeerCircleAppFactory.Password), new("Input.Shares", shares), new("Input.Confirm", "true")],
            $"{Page}?handler=Delete");

    [Fact]
    public async Task The_export_has_my_profile_memberships_bookings_and_shares_and_nobody_elses_text()
    {
        var people = await app.CreateBoardGroupAsync();
        var session = await app.CreateSessionAsync(people.Group.Id);
        await app.ReserveAsync(session.Id, people.Alice.Id);
        var mine = $"mine{Guid.NewGuid():N}";
        var theirs = $"theirs{Guid.NewGuid():N}";
        var theirTitle = $"theirtitle{Guid.NewGuid():N}";
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "My title", mine, byline: ShareByline.Anonymous);
        await people.Bob.Client.ReplyAsync(thread, theirs);
        await people.Bob.Client.StartThreadAsync(people.Group.Id, theirTitle, theirs + "x");

        var response = await people.Alice.Client.GetAsync(new Uri($"{Page}?handler=Download", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(people.Alice.Pseudonym, root.GetProperty("Profile").GetProperty("Pseudonym").GetString());
        Assert.Equal(people.Alice.User.Email, root.GetProperty("Profile").GetProperty("Email").GetString());
        Assert.Equal(people.Group.Id, root.GetProperty("Memberships")[0].GetProperty("GroupId").GetGuid());
        Assert.Equal(session.Id, root.GetProperty("Bookings")[0].GetProperty("SessionId").GetGuid());
        Assert.Equal(mine, Assert.Single(root.GetProperty("Shares").EnumerateArray()).GetProperty("Text").GetString());
        Assert.DoesNotContain(theirs, json, StringComparison.Ordinal);
        Assert.DoesNotContain(theirTitle, json, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Bob.Pseudonym, json, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Facilitator.Pseudonym, json, StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("AccountActivity").EnumerateArray(), a => a.GetProperty("Kind").GetString() == "SignedIn");
    }

    [Fact]
    public async Task Deleting_my_account_and_withdrawing_my_shares_leaves_no_email_pseudonym_or_text_in_the_database_and_promotes_the_waitlist()
    {
        var people = await app.CreateBoardGroupAsync();
        var carol = await app.CreateUserAsync();
        await app.AddMemberAsync(people.Group.Id, carol.Id);
        var session = await app.CreateSessionAsync(people.Group.Id, capacity: 2);
        Assert.Equal(BookingStatus.Waitlisted, await app.ReserveAsync(session.Id, people.Alice.Id, carol.Id, people.Bob.Id));
        var canary = $"canary{Guid.NewGuid():N}";
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Mine", canary);
        Assert.True(await app.DatabaseFileContainsAsync(people.Alice.User.Email));
        Assert.True(await app.DatabaseFileContainsAsync(people.Alice.Pseudonym));

        var response = await DeleteAsync(people.Alice, "withdraw");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var personal in new[] { people.Alice.User.Email, people.Alice.User.Email.ToUpperInvariant(), people.Alice.Pseudonym, people.Alice.Pseudonym.ToUpperInvariant(), canary })
        {
            Assert.False(await app.DatabaseFileContainsAsync(personal), $"{personal} is still in the database file");
        }

        Assert.True((await app.ShareAsync(thread)).IsWithdrawn);
        Assert.Equal(0, await app.WithDbAsync(db => db.AccountActivities.CountAsync(a => a.UserId == people.Alice.Id)));
        var bookings = (await app.SessionAsync(session.Id)).Bookings;
        Assert.Equal(BookingStatus.Cancelled, bookings.Single(b => b.UserId == people.Alice.Id).Status);
        Assert.Equal(BookingStatus.Going, bookings.Single(b => b.UserId == people.Bob.Id).Status);
        Assert.Equal(MembershipStatus.Left, (await app.MembershipAsync(people.Group.Id, people.Alice.Id))!.Status);
        Assert.NotEqual(HttpStatusCode.Redirect, (await app.CreateBrowserClient().SignInAsync(people.Alice.User.Email, PeerCircleAppFactory.Password)).StatusCode);
        Assert.Contains("Withdrawn by its author", await people.Bob.GetAsync(Thread(thread)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_my_account_and_leaving_my_shares_keeps_the_text_anonymous_and_erases_who_wrote_it()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Still useful", "Advice that helped me.");

        var response = await DeleteAsync(people.Alice, "anonymise");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var share = await app.ShareAsync(thread);
        Assert.Equal("Advice that helped me.", share.Text);
        Assert.Equal(ShareByline.Anonymous, share.Byline);
        Assert.False(await app.DatabaseFileContainsAsync(people.Alice.User.Email));
        Assert.False(await app.DatabaseFileContainsAsync(people.Alice.Pseudonym));
        Assert.Contains(">Anonymous<", await people.Bob.GetAsync(Thread(thread)), StringComparison.Ordinal);
        Assert.Contains("Deleted member", await people.Facilitator.GetAsync(Thread(thread)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_deletes_nothing()
    {
        var people = await app.CreateBoardGroupAsync();

        var response = await people.Alice.Client.SubmitFormAsync(Page,
            [new("Input.Password", "wrong password"), new("Input.Shares", "withdraw"), new("Input.Confirm", "true")], $"{Page}?handler=Delete");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(people.Alice.Pseudonym, await app.WithDbAsync(db => db.Users.Where(u => u.Id == people.Alice.Id).Select(u => u.Pseudonym).SingleAsync()));
    }
}
