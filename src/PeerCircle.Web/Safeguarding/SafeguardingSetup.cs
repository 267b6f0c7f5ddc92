using PeerCircle.Web.Help;

namespace PeerCircle.Web.Safeguarding;

internal static class SafeguardingSetup
{
    /// <summary>The help directory, the risk detector and its alerts, concerns and their snapshot purge.</summary>
    public static WebApplicationBuilder AddPeerCircleSafeguarding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SafeguardingOptions>()
            .Bind(builder.Configuration.GetSection("Safeguarding"))
            .Validate(o => o.RetentionDays is >= 1 and <= 3650, "Safeguarding:RetentionDays must be between 1 and 3650.")
            .Validate(o => o.PhraseCacheSeconds is >= 0 and <= 3600, "Safeguarding:PhraseCacheSeconds must be between 0 and 3600.")
            .Validate(o => o.HelpCacheSeconds is >= 0 and <= 3600, "Safeguarding:HelpCacheSeconds must be between 0 and 3600.")
            .ValidateOnStart();
        builder.Services.AddScoped<HelpDirectory>();
        builder.Services.AddSingleton<HelpDirectoryCache>();
        builder.Services.AddSingleton<RiskPhraseCache>();
        builder.Services.AddScoped<RiskAlerts>();
        builder.Services.AddScoped<SafeguardingTeam>();
        builder.Services.AddScoped<ConcernPurger>();
        if (builder.Configuration.GetValue("Jobs:Purge:Enabled", true))
        {
            builder.Services.AddHostedService<ConcernPurgeJob>();
        }

        return builder;
    }
}
