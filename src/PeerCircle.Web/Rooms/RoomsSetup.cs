using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace PeerCircle.Web.Rooms;

internal static class RoomsSetup
{
    /// <summary>Prefix of every Redis channel the SignalR backplane uses (SignalR:Redis:ChannelPrefix).</summary>
    public const string DefaultChannelPrefix = "PeerCircle";

    /// <summary>The live session room: SignalR, its hub filter and the room service.</summary>
    public static WebApplicationBuilder AddPeerCircleRooms(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(options =>
        {
            options.AddFilter(new RoomHubFilter());
            // A message is at most 4,000 characters; leave room for JSON and multi-byte text, no more.
            options.MaximumReceiveMessageSize = 32 * 1024;
        })
        // The room's script sends enums by name ("Group", "Anonymous"); numbers still bind too.
        .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Several instances: with ConnectionStrings:Redis set, every message to a room, a person or a
        // connection goes through Redis, so participants connected to different instances see each
        // other (the room's state itself is in the database, ADR 0007). Without it nothing changes.
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            var prefix = builder.Configuration.GetValue("SignalR:Redis:ChannelPrefix", DefaultChannelPrefix)!;
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal(prefix));
        }

        builder.Services.AddScoped<RoomService>();
        return builder;
    }

    /// <summary>Refuses a browser's connection to the hub from a page on another site (<see cref="HubOriginCheck"/>).</summary>
    public static WebApplication UseRoomHubOriginCheck(this WebApplication app)
    {
        app.UseMiddleware<HubOriginCheck>();
        return app;
    }

    public static WebApplication MapPeerCircleRooms(this WebApplication app)
    {
        app.MapHub<RoomHub>(RoomHub.Path);
        return app;
    }
}
