using System.Net;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

/// <summary>Every admin page: anonymous visitors sign in first, members and facilitators are turned away, admins get in.</summary>
public sealed class AdminAccessTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private async Task<List<string>> AdminPagesAsync()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddDays(3));
        return
        [
            "/Admin", "/Admin/Groups", "/Admin/Groups/Edit", $"/Admin/Groups/Edit/{group.Id}", $"/Admin/Groups/Agreement/{group.Id}",
            $"/Admin/Groups/Facilitators/{group.Id}", $"/Admin/Groups/Schedule/{group.Id}", $"/Admin/Sessions/Edit/{session.Id}", "/Admin/Training",
            "/Admin/Help", "/Admin/Help/Edit", "/Admin/RiskPhrases",
        ];
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_admin_page()
    {
        var client = app.CreateBrowserClient();

        foreach (var page in await AdminPagesAsync())
        {
            var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            response.AssertRedirectTo("/Identity/Account/Login");
        }
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.SafeguardingLead)]
    public async Task People_without_the_admin_role_are_denied_every_admin_page(string role)
    {
        var (client, _) = await app.SignedInClientAsync(role);

        foreach (var page in await AdminPagesAsync())
        {
            var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            response.AssertRedirectTo("/Identity/Account/AccessDenied");
        }
    }

    [Fact]
    public async Task A_member_cannot_post_to_an_admin_page_either()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync();
        using var content = new FormUrlEncodedContent([new("confirmArchive", "true")]);

        var response = await client.PostAsync(new Uri($"/Admin/Groups/Edit/{group.Id}?handler=Archive", UriKind.Relative), content);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Groups.FindAsync(group.Id).AsTask());
        Assert.Equal(Domain.Groups.GroupStatus.Active, stored!.Status);
    }

    [Fact]
    public async Task Admins_open_every_admin_page()
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        foreach (var page in await AdminPagesAsync())
        {
            var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/Admin/Groups/Edit/{0}")]
    [InlineData("/Admin/Groups/Agreement/{0}")]
    [InlineData("/Admin/Groups/Facilitators/{0}")]
    [InlineData("/Admin/Groups/Schedule/{0}")]
    [InlineData("/Admin/Sessions/Edit/{0}")]
    [InlineData("/Admin/Sessions/Edit/not-a-guid")]
    public async Task An_unknown_id_is_not_found(string pattern)
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, Guid.NewGuid()), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_menu_shows_admin_only_to_admins()
    {
        var (member, _) = await app.SignedInClientAsync();
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        Assert.DoesNotContain("href=\"/Admin\"", await member.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin\"", await admin.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }
}
