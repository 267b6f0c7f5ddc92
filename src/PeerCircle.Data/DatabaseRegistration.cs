using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
    private static readonly AppendOnlyAuditInterceptor s_audit = new();

    /// <summary>
    /// Registers <see cref="PeerCircleDbContext"/> backed by the provider's own derived context,
    /// so each provider applies its own migrations while the app only knows the base type.
    /// </summary>
    public static IServiceCollection AddPeerCircleDbContext(
        this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                // Each request's context gets an open connection lent for the request (issue 9): see SqliteConnectionLender.
                services.AddSingleton(_ => new SqliteConnectionLender(connectionString));
                services.AddScoped<SqliteConnectionLease>();
                services.AddDbContext<PeerCircleDbContext, SqliteDbContext>(
                    (sp, o) => UseSqlite(o, sp.GetRequiredService<SqliteConnectionLease>().Connection),
                    ServiceLifetime.Scoped,
                    ServiceLifetime.Scoped);
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<PeerCircleDbContext, SqlServerDbContext>(o => UseSqlServer(o, connectionString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        return services;
    }

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        // secure_delete: a withdrawn or purged share's text is zeroed in the file, not left in free space.
        // One connection per context, not one per query (issue 9).
        return options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30))
            .AddInterceptors(new SqliteSecureDeleteInterceptor(), new SqliteConnectionPerContextInterceptor(), new AppendOnlyAuditInterceptor());
    }

    /// <summary>
    /// SQLite on a connection lent for the context's lifetime (<see cref="SqliteConnectionLender"/>): the
    /// context opens it if it is not open yet, never closes or disposes it; the lender takes it back.
    /// </summary>
    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseSqlite(connection, contextOwnsConnection: false, sqlite => sqlite.CommandTimeout(30))
            .AddInterceptors(s_secureDelete, s_connectionPerContext, s_audit);
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
