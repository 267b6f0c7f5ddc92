using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// A switch that makes the database unreachable, as a real outage would: while it is on, every
/// connection the app opens fails with SQLite's "unable to open database file" (SQLITE_CANTOPEN),
/// before any SQL runs, and so does every command on a connection that was already open (the app keeps
/// SQLite connections open between requests: SqliteConnectionLender). Turning it off again is the
/// database coming back; nothing is restarted.
/// </summary>
public sealed class DatabaseOutage : DbConnectionInterceptor, IDbCommandInterceptor
{
    private const int CantOpen = 14;
    private volatile bool _down;
    private int _refused;

    public bool IsDown => _down;

    /// <summary>How many connections were refused while the database was down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void Begin() => _down = true;

    public void End() => _down = false;

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Refuse();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Refuse();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result)
    {
        Refuse();
        return result;
    }

    private void Refuse()
    {
        if (_down)
        {
            Interlocked.Increment(ref _refused);
            throw new SqliteException("SQLite Error 14: 'unable to open database file'.", CantOpen);
        }
    }
}

/// <summary>The real app whose database can be taken away and given back while it runs (<see cref="Outage"/>).</summary>
public sealed class OutageAppFactory() : InterceptedAppFactory<DatabaseOutage>(new DatabaseOutage())
{
    public DatabaseOutage Outage => Interceptor;
}
