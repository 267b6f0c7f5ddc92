using System.Net;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Facilitate;

/// <summary>Facilitator pages: anonymous visitors sign in first; members and admins without the role are turned away.</summary>
public sealed class FacilitateAccessTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private async Task<List<string>> PagesAsync(Guid? facilitator = null)
    {
        var group = await app.CreateGroupAsync();
        var assigned = facilitator is { } f ? new[] { f } : [];
        foreach (var id in assigned)
        {
            await app.AddValidTrainingAsync(id);
        }

        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddDays(2), facilitators: assigned);
        return ["/Facilitate", "/Facilitate/Training", $"/Facilitate/Sessions/Run/{session.Id}"];
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserClient();

        foreach (var page in await PagesAsync())
        {
            (await client.GetAsync(new Uri(page, UriKind.Relative))).AssertRedirectTo("/Identity/Account/Login");
        }
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.SafeguardingLead)]
    public async Task People_without_the_facilitator_role_are_denied(string role)
    {
        var (client, user) = await app.SignedInClientAsync(role);

        foreach (var page in await PagesAsync(user.Id))
        {
            (await client.GetAsync(new Uri(page, UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
        }
    }

    [Fact]
    public async Task A_facilitator_opens_the_dashboard_their_training_and_a_session_they_are_assigned_to()
    {
        var (client, user) = await app.SignedInClientAsync(Roles.Facilitator);

        foreach (var page in await PagesAsync(user.Id))
        {
            var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_facilitator_gets_not_found_for_a_session_they_are_not_assigned_to()
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Facilitator);
        var other = await app.CreateUserAsync(Roles.Facilitator);
        var pages = await PagesAsync(other.Id);

        var response = await client.GetAsync(new Uri(pages[2], UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
