using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Bench.Room;

/// <summary>The part of the hub's RoomMessage the bench reads.</summary>
internal sealed record ReceivedMessage(Guid SessionId, Guid Id, string? Text);

/// <summary>
/// One participant: a SignalR connection (WebSockets, the sign-in cookie) that joined its room. Each
/// "Message" it receives carrying a bench message's tag is timed against the moment it was sent.
/// </summary>
internal sealed class RoomClient(BenchRoom room, BenchPerson person, Deliveries deliveries) : IAsyncDisposable
{
    private HubConnection? _connection;
    private readonly HashSet<long> _seen = [];
    private long _states;

    public BenchRoom Room => room;

    public BenchPerson Person => person;

    public long States => Interlocked.Read(ref _states);

    public async Task ConnectAndJoinAsync(Uri baseAddress, string cookie)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/room"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["Cookie"] = cookie;
                // The cookie goes in the header above (see SignIn): the handler's own cookie jar is not used.
                options.HttpMessageHandlerFactory = handler =>
                {
                    if (handler is HttpClientHandler client)
                    {
                        client.UseCookies = false;
                    }

                    return handler;
                };
            })
            .Build();
        _connection.ServerTimeout = TimeSpan.FromMinutes(2);
        _connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
        _connection.On<ReceivedMessage>("Message", OnMessage);
        _connection.On<JsonElement>("State", _ => Interlocked.Increment(ref _states));
        _connection.On<JsonElement>("Self", _ => { });
        await _connection.StartAsync();
        await _connection.InvokeAsync<JsonElement>("Join", room.SessionId);
    }

    public Task<ReceivedMessage> SendAsync(string text) =>
        _connection!.InvokeAsync<ReceivedMessage>("Send", room.SessionId, text, ShareAudience.Group, ShareByline.Pseudonym);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private void OnMessage(ReceivedMessage message)
    {
        var received = Stopwatch.GetTimestamp();
        if (!Tag.TryParse(message.Text, out var key))
        {
            return;
        }

        lock (_seen)
        {
            // The author gets their message twice (the members' view and their own); the first one counts.
            if (!_seen.Add(key))
            {
                return;
            }
        }

        deliveries.Record(key, received);
    }
}

/// <summary>The tag a bench message carries: "bench {room} {sequence} ...".</summary>
internal static class Tag
{
    public static long Key(int room, int sequence) => ((long)room << 32) | (uint)sequence;

    public static string Text(int room, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"bench {room} {sequence} How was everyone's week? Mine was long but I'm glad to be here.");

    public static bool TryParse(string? text, out long key)
    {
        key = 0;
        if (text is null || !text.StartsWith("bench ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split(' ', 4);
        if (parts.Length < 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var room)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        key = Key(room, sequence);
        return true;
    }
}

/// <summary>Send moments by message, and every delivery's latency (send → receipt by one participant), in ms.</summary>
internal sealed class Deliveries
{
    private readonly Dictionary<long, (long Timestamp, bool Measured)> _sent = [];
    private readonly List<double> _latencies = new(1 << 20);
    private readonly Lock _lock = new();
    private long _unknown;

    /// <summary>Just before the invocation leaves: <paramref name="measured"/> is false during the warm-up.</summary>
    public void Sent(long key, long timestamp, bool measured)
    {
        lock (_lock)
        {
            _sent[key] = (timestamp, measured);
        }
    }

    public void Record(long key, long received)
    {
        lock (_lock)
        {
            if (!_sent.TryGetValue(key, out var sent))
            {
                _unknown++;
                return;
            }

            if (sent.Measured)
            {
                _latencies.Add(Stopwatch.GetElapsedTime(sent.Timestamp, received).TotalMilliseconds);
            }
        }
    }

    /// <summary>Latencies of the measured messages' deliveries so far.</summary>
    public double[] Latencies()
    {
        lock (_lock)
        {
            return _latencies.ToArray();
        }
    }

    /// <summary>Deliveries of messages that were never sent by this bench (should stay 0).</summary>
    public long Unknown
    {
        get
        {
            lock (_lock)
            {
                return _unknown;
            }
        }
    }
}
