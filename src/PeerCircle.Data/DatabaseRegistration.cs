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
                services.AddDbContext<PeerCircleDbContext, SqliteDbContext>(o => UseSqlite(o, connectionString));
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
