using PeerCircle.Web.Sessions;

namespace PeerCircle.Web.Jobs;

/// <summary>Runs <see cref="ReminderSender"/> every minute (Jobs:Reminders). Safe on any number of instances.</summary>
internal sealed class ReminderJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ReminderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:Reminders:IntervalSeconds", 60));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(new EventId(4190, "ReminderJobFailed"), ex, "The reminder run failed; it will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

internal static class JobsSetup
{
    public static WebApplicationBuilder AddPeerCircleJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReminderSender>();
        if (builder.Configuration.GetValue("Jobs:Reminders:Enabled", true))
        {
            builder.Services.AddHostedService<ReminderJob>();
        }

        return builder;
    }
}
