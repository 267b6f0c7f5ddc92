using PeerCircle.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PeerCircle.Web.Email;
using PeerCircle.Web.Notifications;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.AddPeerCircleLogging();
builder.AddPeerCircleDatabase();
builder.AddPeerCircleIdentity();
builder.AddPeerCircleEmail();
builder.AddPeerCirclePages();
builder.AddPeerCircleSecurity();
builder.AddPeerCircleHealthChecks();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.TryAddScoped<SessionEmails>();

var app = builder.Build();

app.UsePeerCircleErrorHandling();
app.UsePeerCircleSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

// Stylesheets, scripts and images are public on purpose (the sign-in page needs them too).
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapPeerCircleHealthChecks();
app.MapNotFoundFallback();

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can find it from the test projects.</summary>
public partial class Program;
