using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PeerCircle.Data;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// For the page benchmark only (bench/PeerCircle.Bench.Pages): counts every SQL command the app sends and
/// writes the running total to a file, so the bench can work out commands per request from outside the
/// process. Off unless <c>Diagnostics:SqlCommandCountFile</c> is set; never an endpoint, never a header,
/// and it records no SQL text or parameters, only a number.
/// </summary>
internal sealed class SqlCommandTally : DbCommandInterceptor
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Writes the tally to its file every 100 ms (and once more on shutdown) while it changes.</summary>
internal sealed class SqlCommandTallyWriter(SqlCommandTally tally, string path) : BackgroundService
{
    private long _written = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                await WriteAsync();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }

        await WriteAsync();
    }

    private async Task WriteAsync()
    {
        var count = tally.Count;
        if (count == _written)
        {
            return;
        }

        // Written to a temporary file and moved over, so a reader never sees half a number.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, count.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, path, overwrite: true);
        _written = count;
    }
}

internal static class SqlCommandTallySetup
{
    public static WebApplicationBuilder AddSqlCommandTallyForBenchmarks(this WebApplicationBuilder builder, DatabaseProvider provider)
    {
        var path = builder.Configuration["Diagnostics:SqlCommandCountFile"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        var tally = new SqlCommandTally();
        builder.Services.AddSingleton(tally);
        builder.Services.AddHostedService(_ => new SqlCommandTallyWriter(tally, Path.GetFullPath(path)));
        if (provider == DatabaseProvider.Sqlite)
        {
            builder.Services.ConfigureDbContext<SqliteDbContext>(options => options.AddInterceptors(tally));
        }
        else
        {
            builder.Services.ConfigureDbContext<SqlServerDbContext>(options => options.AddInterceptors(tally));
        }

        return builder;
    }
}
