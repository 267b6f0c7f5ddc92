using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Sessions;

internal static class SessionsSetup
{
    public static WebApplicationBuilder AddPeerCircleSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BookingService>();
        builder.Services.AddScoped<SessionEmails>();
        return builder;
    }
}
