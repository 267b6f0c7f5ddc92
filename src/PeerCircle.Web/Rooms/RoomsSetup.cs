using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace PeerCircle.Web.Rooms;

internal static class RoomsSetup
{
    /// <summary>The live session room: SignalR, its hub filter and the room service.</summary>
    public static WebApplicationBuilder AddPeerCircleRooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(options =>
        {
            options.AddFilter(new RoomHubFilter());
            // A message is at most 4,000 characters; leave room for JSON and multi-byte text, no more.
            options.MaximumReceiveMessageSize = 32 * 1024;
        })
        // The room's script sends enums by name ("Group", "Anonymous"); numbers still bind too.
        .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddScoped<RoomService>();
        return builder;
    }

    public static WebApplication MapPeerCircleRooms(this WebApplication app)
    {
        app.MapHub<RoomHub>(RoomHub.Path);
        return app;
    }
}
