using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Rooms;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// Live rooms for hub tests: a started session with a trained facilitator and booked members, and
/// real SignalR clients (WebSockets through the test server) signed in with each person's cookie.
/// </summary>
public static class RoomTestData
{
    public static Uri HubUri => new("https://localhost" + RoomHub.Path);

    public static string RoomPage(Guid sessionId) => $"/Sessions/Room/{sessionId}";

    /// <summary>A person signed in through the real sign-in page, with the cookie jar a hub connection can use.</summary>
    public static async Task<RoomPerson> PersonAsync(this PeerCircleAppFactory app, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(app);
        var user = await app.CreateUserAsync(roles);
        var cookies = new CookieContainer();
        var client = app.CreateDefaultClient(new Uri("https://localhost"), new CookieJarHandler(cookies));
        var response = await client.SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new RoomPerson(app, user, client, cookies);
    }

    /// <summary>
    /// A live online session: a trained facilitator assigned and the session started (so its room is open),
    /// and <paramref name="members"/> members with a seat. Nobody has acknowledged the agreement yet.
    /// </summary>
    public static async Task<LiveRoom> LiveRoomAsync(this PeerCircleAppFactory app, int members = 2, int retentionDays = 0)
    {
        var facilitator = await app.PersonAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(facilitator.User.Id);
        var group = await app.CreateGroupAsync(facilitators: [facilitator.User.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddMinutes(5), durationMinutes: 60, facilitators: facilitator.User.Id);
        var people = new List<RoomPerson>();
        for (var i = 0; i < members; i++)
        {
            var member = await app.PersonAsync();
            await app.BookAsync(session.Id, member.User.Id);
            people.Add(member);
        }

        await app.WithRoomsAsync(rooms => rooms.StartAsync(session.Id, facilitator.User.Id));
        return new LiveRoom(session.Id, group.Id, group.RetentionDays, facilitator, people);
    }

    public static async Task WithRoomsAsync(this PeerCircleAppFactory app, Func<RoomService, Task> action)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<RoomService>());
    }

    private sealed class CookieJarHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(request.RequestUri!, setCookie);
                }
            }

            return response;
        }
    }
}

public sealed record LiveRoom(Guid SessionId, Guid GroupId, int RetentionDays, RoomPerson Facilitator, IReadOnlyList<RoomPerson> Members);

/// <summary>A signed-in person: an HTTP client for pages, and hub connections that carry the same cookie.</summary>
public sealed class RoomPerson(PeerCircleAppFactory app, TestUser user, HttpClient client, CookieContainer cookies)
{
    public TestUser User { get; } = user;

    public HttpClient Client { get; } = client;

    /// <summary>The person's cookies as a Cookie header (to use them from another client or instance).</summary>
    public string CookieHeader => cookies.GetCookieHeader(new Uri("https://localhost"));

    /// <summary>Acknowledges the agreement for the session through the room page's form (optionally checking in).</summary>
    public async Task AcknowledgeAsync(Guid sessionId, int? checkIn = null)
    {
        var page = RoomTestData.RoomPage(sessionId);
        var html = await (await Client.GetAsync(new Uri(page, UriKind.Relative))).Content.ReadAsStringAsync();
        var version = System.Text.RegularExpressions.Regex.Match(html, "value=\"(\\d+)\"[^>]*name=\"Enter.AgreementVersion\"").Groups[1].Value;
        List<KeyValuePair<string, string>> fields = [new("Enter.Acknowledged", "true"), new("Enter.AgreementVersion", version)];
        if (checkIn is { } score)
        {
            fields.Add(new("Enter.CheckIn", score.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var response = await Client.SubmitFormAsync(page, fields, $"{page}?handler=Enter");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens a real-time connection (WebSockets through the test server) and records every event it receives.</summary>
    public async Task<RoomConnectionProbe> ConnectAsync()
    {
        var cookieHeader = cookies.GetCookieHeader(new Uri("https://localhost"));
        var connection = new HubConnectionBuilder()
            .WithUrl(RoomTestData.HubUri, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Headers["Cookie"] = cookieHeader;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var ws = app.Server.CreateWebSocketClient();
                    ws.ConfigureRequest = request => request.Headers.Cookie = cookieHeader;
                    return await ws.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
        var probe = new RoomConnectionProbe(connection);
        await connection.StartAsync();
        return probe;
    }

    /// <summary>Acknowledges, connects and joins: the usual way into the room.</summary>
    public async Task<(RoomConnectionProbe Probe, RoomSnapshot Snapshot)> EnterAsync(Guid sessionId, int? checkIn = null)
    {
        await AcknowledgeAsync(sessionId, checkIn);
        var probe = await ConnectAsync();
        var snapshot = await probe.JoinAsync(sessionId);
        return (probe, snapshot);
    }
}

/// <summary>One hub connection and everything it has received.</summary>
public sealed class RoomConnectionProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Name, object?[] Args)> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public RoomConnectionProbe(HubConnection connection)
    {
        Connection = connection;
        Record<RoomMessage>("Message");
        Record<Guid, Guid>("MessageWithdrawn");
        Record<Guid, Guid>("MessageHidden");
        Record<Guid, Guid>("MessageRemoved");
        Record<RoomState>("State");
        Record<RoomTalk>("Talk");
        Record<RoomMe>("Self");
        Record<Guid>("Removed");
        Record<Guid>("Ended");
        Record<Guid, string>("Support");
        Record<Guid, string, string>("Alert");
    }

    public HubConnection Connection { get; }

    public IEnumerable<(string Name, object?[] Args)> Events => _events;

    public IEnumerable<RoomMessage> Messages => _events.Where(e => e.Name == "Message").Select(e => (RoomMessage)e.Args[0]!);

    public IEnumerable<RoomState> States => _events.Where(e => e.Name == "State").Select(e => (RoomState)e.Args[0]!);

    public Task<RoomSnapshot> JoinAsync(Guid sessionId) => Connection.InvokeAsync<RoomSnapshot>("Join", sessionId);

    public Task<RoomMessage> SendAsync(Guid sessionId, string text, ShareAudience audience = ShareAudience.Group, ShareByline byline = ShareByline.Pseudonym)
    {
        LogCanary.Shared(text);
        return Connection.InvokeAsync<RoomMessage>("Send", sessionId, text, audience, byline);
    }

    public Task CallAsync(string method, params object?[] args) => Connection.InvokeCoreAsync(method, args);

    /// <summary>Waits until an event named <paramref name="name"/> whose arguments satisfy <paramref name="match"/> has arrived.</summary>
    public async Task<object?[]> WaitForAsync(string name, Func<object?[], bool>? match = null, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var found = _events.FirstOrDefault(e => e.Name == name && (match is null || match(e.Args)));
            if (found.Name is not null)
            {
                return found.Args;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No '{name}' event arrived. Received: {string.Join(", ", _events.Select(e => e.Name))}");
            }

            await _arrived.WaitAsync(left);
        }
    }

    public async Task<RoomMessage> WaitForMessageAsync(Func<RoomMessage, bool> match) =>
        (RoomMessage)(await WaitForAsync("Message", args => match((RoomMessage)args[0]!)))[0]!;

    public async Task<RoomState> WaitForStateAsync(Func<RoomState, bool> match) =>
        (RoomState)(await WaitForAsync("State", args => match((RoomState)args[0]!)))[0]!;

    /// <summary>Forgets what arrived so far, so the next wait sees only what comes after an action.</summary>
    public void Forget() => _events.Clear();

    /// <summary>Gives events already on their way a moment to arrive, to show that one did not.</summary>
    public static Task SettleAsync() => Task.Delay(500);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }

    private void Record<T>(string name) => Connection.On<T>(name, a => Add(name, a));

    private void Record<T1, T2>(string name) => Connection.On<T1, T2>(name, (a, b) => Add(name, a, b));

    private void Record<T1, T2, T3>(string name) => Connection.On<T1, T2, T3>(name, (a, b, c) => Add(name, a, b, c));

    private void Add(string name, params object?[] args)
    {
        _events.Enqueue((name, args));
        _arrived.Release();
    }
}
