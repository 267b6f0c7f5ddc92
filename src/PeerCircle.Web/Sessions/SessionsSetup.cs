using Microsoft.Extensions.DependencyInjection.Extensions;
using PeerCircle.Web.Calendar;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Sessions;

internal static class SessionsSetup
{
    /// <summary>Booking and cancelling seats, the emails about them, and the private calendar feed.</summary>
    public static WebApplicationBuilder AddPeerCircleSessions(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddScoped<SessionEmails>();
        builder.Services.TryAddScoped<BookingService>();
        // The insight dashboard's figures are about sessions, bookings and check-ins.
        builder.Services.TryAddScoped<Insight.InsightQueries>();
        CalendarFeedLogging.KeepTokensOutOfRequestLog(builder.Services);
        return builder;
    }
}
