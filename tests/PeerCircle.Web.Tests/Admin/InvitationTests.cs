using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Administration;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

/// <summary>The app with sign-up by invitation (from configuration, the default an admin can change).</summary>
public sealed class InvitationOnlyAppFactory : PeerCircleAppFactory
{
    public InvitationOnlyAppFactory() => With("Accounts:SignUp", "InvitationOnly");
}

public sealed partial class InvitationTests(InvitationOnlyAppFactory app) : IClassFixture<InvitationOnlyAppFactory>
{
    private const string Invitations = "/Admin/Invitations";

    /// <summary>An admin makes a link on the page; returns the link's path and query.</summary>
    private async Task<string> MakeLinkAsync(string? note = "For the Leeds apprentices")
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        (await admin.SubmitFormAsync(Invitations, [new("Input.Note", note ?? ""), new("Input.ValidDays", "7")])).AssertRedirectTo(Invitations);
        var page = await admin.PageTextAsync(Invitations);
        var match = LinkPattern().Match(page);
        Assert.True(match.Success, "The invitations page shows no new link.");
        Assert.DoesNotMatch(LinkPattern(), await admin.PageTextAsync(Invitations)); // shown once
        return new Uri(match.Groups[1].Value).PathAndQuery;
    }

    private static string Token(string link) => link[(link.IndexOf("invitation=", StringComparison.Ordinal) + "invitation=".Length)..];

    [Fact]
    public async Task Without_an_invitation_the_sign_up_page_explains_and_a_post_makes_no_account()
    {
        var visitor = app.CreateBrowserClient();

        var page = await visitor.PageTextAsync(AdminTestData.RegisterPage);
        Assert.Contains("Joining PeerCircle is by invitation at the moment", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", page, StringComparison.Ordinal);

        var email = AdminTestData.NewEmail();
        var token = await visitor.FormTokenAsync("/Identity/Account/Login");
        var post = await visitor.PostFormAsync(AdminTestData.RegisterPage, token, AdminTestData.SignUpForm(email, AdminTestData.NewPseudonym()));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Joining PeerCircle is by invitation at the moment", await post.TextAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_invitation_link_lets_one_person_sign_up_once()
    {
        var link = await MakeLinkAsync();
        var first = AdminTestData.NewEmail();
        var second = AdminTestData.NewEmail();

        (await app.CreateBrowserClient().SubmitFormAsync(link, AdminTestData.SignUpForm(first, AdminTestData.NewPseudonym())))
            .AssertRedirectTo("/Identity/Account/RegisterConfirmation");
        var reuse = await app.CreateBrowserClient().GetAsync(new Uri(link, UriKind.Relative));

        Assert.Contains("This invitation link has already been used", await reuse.TextAsync(), StringComparison.Ordinal);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == first).Select(u => u.Id).SingleAsync());
        var invitation = await app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.TokenHash == Invitation.Hash(Token(link))));
        Assert.Equal(userId, invitation.UsedBy);
        Assert.NotNull(invitation.UsedUtc);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == second)));
        Assert.Contains(await app.AuditAsync(invitation.Id), a => a.Action == AuditActions.InvitationCreated && a.Reason == "For the Leeds apprentices");
    }

    [Fact]
    public async Task Two_sign_ups_with_the_same_link_at_the_same_moment_make_one_account()
    {
        var link = await MakeLinkAsync();
        var clients = Enumerable.Range(0, 4).Select(_ => app.CreateBrowserClient()).ToList();
        var tokens = await Task.WhenAll(clients.Select(c => c.FormTokenAsync(link)));
        var emails = clients.Select(_ => AdminTestData.NewEmail()).ToList();

        await Task.WhenAll(clients.Select((c, i) => c.PostFormAsync(link, tokens[i], AdminTestData.SignUpForm(emails[i], AdminTestData.NewPseudonym()))));

        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => emails.Contains(u.Email!))));
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        var token = Token(await MakeLinkAsync(note: null));

        Assert.True(token.Length >= 43);
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.TokenHash == token)));
        Assert.True(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.TokenHash == Invitation.Hash(token))));
        Assert.False(await app.DatabaseFileContainsAsync(token));
    }

    [Fact]
    public async Task An_expired_or_withdrawn_invitation_is_refused()
    {
        var (expired, expiredToken) = Invitation.Create(null, 1, Guid.NewGuid(), DateTime.UtcNow.AddDays(-2));
        await app.WithDbAsync(async db =>
        {
            db.Invitations.Add(expired);
            await db.SaveChangesAsync();
        });
        var withdrawnLink = await MakeLinkAsync("To withdraw");
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var withdrawnId = await app.WithDbAsync(db => db.Invitations.Where(i => i.TokenHash == Invitation.Hash(Token(withdrawnLink))).Select(i => i.Id).SingleAsync());
        (await admin.SubmitFormAsync(Invitations, [new("invitationId", withdrawnId.ToString())], $"{Invitations}?handler=Revoke")).AssertRedirectTo(Invitations);

        var expiredPage = await app.CreateBrowserClient().PageTextAsync($"{AdminTestData.RegisterPage}?invitation={expiredToken}");
        var withdrawnPage = await app.CreateBrowserClient().PageTextAsync(withdrawnLink);
        var unknownPage = await app.CreateBrowserClient().PageTextAsync($"{AdminTestData.RegisterPage}?invitation={new string('A', 43)}");

        Assert.Contains("This invitation link has expired", expiredPage, StringComparison.Ordinal);
        Assert.Contains("This invitation link has expired", withdrawnPage, StringComparison.Ordinal);
        Assert.Contains("isn't one we know", unknownPage, StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(withdrawnId), a => a.Action == AuditActions.InvitationRevoked);
    }

    [Fact]
    public async Task Members_cannot_make_invitations()
    {
        var (member, _) = await app.SignedInClientAsync();
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var token = await admin.FormTokenAsync(Invitations);
        var before = await app.WithDbAsync(db => db.Invitations.CountAsync());

        (await member.GetAsync(new Uri(Invitations, UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
        (await member.PostFormAsync(Invitations, token, [new("Input.ValidDays", "7")])).AssertRedirectTo("/Identity/Account/AccessDenied");

        Assert.Equal(before, await app.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task With_sign_up_open_no_invitation_is_needed()
    {
        using var open = new PeerCircleAppFactory();
        var email = AdminTestData.NewEmail();

        (await open.CreateBrowserClient().SubmitFormAsync(AdminTestData.RegisterPage, AdminTestData.SignUpForm(email, AdminTestData.NewPseudonym())))
            .AssertRedirectTo("/Identity/Account/RegisterConfirmation");

        Assert.True(await open.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [GeneratedRegex("id=\"new-link\" class=\"form-control\" readonly value=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}
