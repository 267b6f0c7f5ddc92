using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data.Auditing;

namespace PeerCircle.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class DatabaseRegistration
{
    private static readonly SqliteSecureDeleteInterceptor s_secureDelete = new();
    private static readonly SqliteConnectionPerContextInterceptor s_connectionPerContext = new();
    private static readonly SqlitePreparedCommandInterceptor s_prepared = new();
    private static readonly AppendOnlyAuditInterceptor s_audit = new();
    private static readonly SqliteGroupCommitInterceptor s_groupCommit = new();
    private static readonly SqliteWriteTurnInterceptor s_writeTurn = new();

    /// <summary>
    /// Contexts are pooled (AddDbContextPool): a request gets a context made before, reset, rather than a new one
    /// with its own scope of EF Core's internal services, which cost about a tenth of a signed-in page's CPU
    /// (issue 9). The options are built once for the app (pooling requires it; every configuration uses only
    /// singletons: the lender, the interceptors). The context keeps no state of its own between requests; EF
    /// Core resets its change tracker and settings, and on SQLite its connection goes back to the lender
    /// (<see cref="LendingSqliteRelationalConnection"/>). At most this many wait in the pool.
    /// </summary>
    public const int PoolSize = 128;

    /// <summary>
    /// Registers <see cref="PeerCircleDbContext"/> backed by the provider's own derived context,
    /// so each provider applies its own migrations while the app only knows the base type.
    /// </summary>
    /// <remarks>
    /// <c>threadSafetyChecks</c> is EF Core's check that a context is never used by two operations at once. It
    /// guards against a programming error rather than anything at run time, and it sets an async-local value twice
    /// for every row a query reads and every save: a tenth of what a page of posts allocated (issue 9,
    /// docs/performance.md). The app turns it off in Production and keeps it on everywhere else, the tests
    /// included, so such an error still fails there.
    /// </remarks>
    public static IServiceCollection AddPeerCircleDbContext(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, bool threadSafetyChecks = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                // The app's connections stay open between requests, with their prepared statements (issue 9).
                services.AddSingleton(_ => new SqliteConnectionLender(connectionString));
                services.AddDbContextPool<PeerCircleDbContext, SqliteDbContext>(
                    (sp, o) => UseSqlite(o, connectionString, sp.GetRequiredService<SqliteConnectionLender>()).EnableThreadSafetyChecks(threadSafetyChecks), PoolSize);
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<PeerCircleDbContext, SqlServerDbContext>(o => UseSqlServer(o, connectionString).EnableThreadSafetyChecks(threadSafetyChecks), PoolSize);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        return services;
    }

    /// <summary>
    /// SQLite for a context of its own (a tool, the bench's data generator): one connection for the
    /// context's life from Microsoft.Data.Sqlite's pool, closed when the context is disposed.
    /// </summary>
    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        // secure_delete: a withdrawn or purged share's text is zeroed in the file, not left in free space.
        // Commits are flushed to the disk before they are answered (SqliteGroupCommit).
        // One connection per context, not one per query (issue 9).
        return options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30))
            .AddInterceptors(s_secureDelete, s_connectionPerContext, s_audit, s_groupCommit);
    }

    /// <summary>
    /// SQLite as the app uses it: on connections the <paramref name="lender"/> keeps open between
    /// requests, each with the statements it has prepared (issue 9).
    /// </summary>
    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString, SqliteConnectionLender lender)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lender);
#pragma warning disable EF1001 // see LendingSqliteRelationalConnection
        return options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30))
            .ReplaceService<ISqliteRelationalConnection, LendingSqliteRelationalConnection>()
            .AddInterceptors(lender, s_secureDelete, s_writeTurn, s_prepared, s_audit, s_groupCommit);
#pragma warning restore EF1001
    }

    public static DbContextOptionsBuilder UseSqlServer(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure(maxRetryCount: 5))
            .AddInterceptors(new AppendOnlyAuditInterceptor());
    }

    /// <summary>
    /// Anchors a relative SQLite file to the app's content root (not the shell's current folder)
    /// and makes sure its folder exists before the first connection.
    /// </summary>
    public static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        var directory = Path.GetDirectoryName(path);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The app still starts: /health/ready reports the database as unreachable until it is fixed.
        }

        builder.DataSource = path;
        return builder.ToString();
    }
}
