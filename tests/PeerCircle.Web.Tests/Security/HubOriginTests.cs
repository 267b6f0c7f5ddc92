using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using PeerCircle.Web.Rooms;
using PeerCircle.Web.Tests.Infrastructure;
using RoomPerson = PeerCircle.Web.Tests.Infrastructure.RoomPerson;

namespace PeerCircle.Web.Tests.Security;

/// <summary>
/// A page on another site can't reach the room hub with a visitor's cookie: a browser request (negotiate or the
/// WebSocket upgrade) whose Origin is not the app's own is refused with 403 before the hub runs. Requests
/// without an Origin (the .NET client, the other suites) and from the app's own pages go through.
/// </summary>
public sealed class HubOriginTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static readonly Uri Negotiate = new($"{RoomHub.Path}/negotiate?negotiateVersion=1", UriKind.Relative);

    public static TheoryData<string> ForeignOrigins =>
    [
        "https://evil.example",
        "https://localhost.evil.example",
        "http://localhost",
        "https://localhost:8443",
        "null",
        "https://evil.example, https://localhost",
    ];

    private static async Task<HttpStatusCode> NegotiateAsync(RoomPerson person, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Negotiate);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        using var response = await person.Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A WebSocket upgrade straight to the hub (SignalR accepts one without negotiating), as a browser would send it.</summary>
    private async Task<WebSocket> UpgradeAsync(RoomPerson person, string origin)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Cookie = person.CookieHeader;
            request.Headers.Origin = origin;
        };
        return await client.ConnectAsync(new Uri("wss://localhost" + RoomHub.Path), CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task Negotiating_from_a_page_on_another_site_is_refused(string origin)
    {
        var person = await app.PersonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(person, origin));
    }

    [Fact]
    public async Task Negotiating_from_the_apps_own_pages_or_without_an_origin_works()
    {
        var person = await app.PersonAsync();

        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(person, "https://localhost"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(person, "https://LOCALHOST"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(person, null));
    }

    [Fact]
    public async Task A_websocket_upgrade_from_another_site_is_refused_and_from_the_app_itself_is_accepted()
    {
        var person = await app.PersonAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => UpgradeAsync(person, "https://evil.example"));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);

        using var accepted = await UpgradeAsync(person, "https://localhost");
        Assert.Equal(WebSocketState.Open, accepted.State);
        await accepted.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Theory]
    // Behind the proxy the request's own host is the instance's; the public address is what the browser shows.
    [InlineData("https://peercircle.example.org", true)]
    [InlineData("https://PeerCircle.example.org:443", true)]
    [InlineData("http://10.0.0.5:8080", true)]
    [InlineData("http://peercircle.example.org", false)]
    [InlineData("https://peercircle.example.org.evil.example", false)]
    [InlineData("https://example.org", false)]
    [InlineData("https://peercircle.example.org/path", false)]
    [InlineData("https://user@peercircle.example.org", false)]
    [InlineData("", false)]
    public void The_apps_own_origin_is_its_public_address_or_the_requests_own_scheme_and_host(string origin, bool own)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("10.0.0.5:8080");

        Assert.Equal(own, HubOriginCheck.IsOwnOrigin(origin, request, "https://peercircle.example.org"));
    }
}
