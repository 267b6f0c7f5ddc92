namespace PeerCircle.Web.Sharing;

internal static class SharingSetup
{
    /// <summary>The audit log and the job that purges expired and withdrawn share text.</summary>
    public static WebApplicationBuilder AddPeerCircleSharing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<Accounts.MyData>();
        builder.Services.AddScoped<Notifications.Notifier>();
        builder.Services.AddScoped<SharePurger>();
        if (builder.Configuration.GetValue("Jobs:Purge:Enabled", true))
        {
            builder.Services.AddHostedService<SharePurgeJob>();
        }

        return builder;
    }
}
