namespace PeerCircle.Web.Sharing;

internal static class SharingSetup
{
    public static WebApplicationBuilder AddPeerCircleSharing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }
}
