using PeerCircle.Web.Accounts;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Email;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Jobs;
using PeerCircle.Web.OneToOne;
using PeerCircle.Web.Rooms;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sessions;
using PeerCircle.Web.Sharing;

var builder = WebApplication.CreateBuilder(args);

builder.AddPeerCircleLogging();
builder.AddPeerCircleDatabase();
builder.AddPeerCircleIdentity();
builder.AddPeerCircleEmail();
builder.AddPeerCirclePages();
builder.AddPeerCircleSecurity();
builder.AddPeerCircleHealthChecks();
builder.AddPeerCircleSessions();
builder.AddPeerCircleSharing();
builder.AddPeerCircleRooms();
builder.AddPeerCircleSafeguarding();
builder.AddPeerCircleOneToOne();
builder.AddPeerCircleJobs();
builder.AddPeerCircleAdministration();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();

app.UsePeerCircleErrorHandling();
app.UsePeerCircleSecurityHeaders();
app.UsePeerCircleRequestLogging();
// Before routing: a browser page on another site never reaches the room hub (negotiate or WebSocket).
app.UseRoomHubOriginCheck();
app.UseRouting();
app.UseAuthentication();
// After authentication, so posting is limited per signed-in person.
app.UseRateLimiter();
app.UseStaffTwoFactorRequirement();
app.UseAuthorization();

// Stylesheets, scripts and images are public on purpose (the sign-in page needs them too).
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapPeerCircleRooms();
app.MapPeerCircleHealthChecks();
app.MapNotFoundFallback();

await app.InitializeDatabaseAsync();
if (app.IsMigrateOnly())
{
    // The one-shot migrator of a scaled-out deployment: the database is ready, nothing is served.
    return;
}

await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can find it from the test projects.</summary>
public partial class Program;
