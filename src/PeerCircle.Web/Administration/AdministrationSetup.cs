using PeerCircle.Web.Accounts;

namespace PeerCircle.Web.Administration;

internal static class AdministrationSetup
{
    /// <summary>The admin settings, invitations, account activity and its housekeeping job.</summary>
    public static WebApplicationBuilder AddPeerCircleAdministration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceSettingsProvider>();
        builder.Services.AddScoped<SettingsEditor>();
        builder.Services.AddScoped<AccountActivityLog>();
        builder.Services.AddScoped<AccountHousekeeping>();
        if (builder.Configuration.GetValue("Jobs:AccountHousekeeping:Enabled", true))
        {
            builder.Services.AddHostedService<AccountHousekeepingJob>();
        }

        return builder;
    }
}
