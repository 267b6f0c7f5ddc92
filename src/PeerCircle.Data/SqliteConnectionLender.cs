using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace PeerCircle.Data;

/// <summary>
/// Keeps open SQLite connections and lends each to one request (one DbContext) at a time, so a request
/// seldom opens and never closes a connection: it takes an open one and gives it back at its end.
/// </summary>
/// <remarks>
/// Why not Microsoft.Data.Sqlite's own pool: taking a connection from it and giving one back each go
/// through a <see cref="System.Threading.Semaphore"/>, and on Linux every operation on such a wait handle
/// takes one lock shared by the whole process. With 32 requests in flight on 2 cores that lock was
/// 13–15 % of the CPU of a page (profiles in docs/performance.md, issue 9). Here a request takes and
/// gives back with one lock-free push or pop. A new connection is opened by the request's context at its
/// first query, through EF Core's interceptors (set up once: <see cref="SqliteSecureDeleteInterceptor"/>),
/// and kept open to the end of the request (<see cref="SqliteConnectionPerContextInterceptor"/>); a
/// database that cannot be opened fails that query, as before. A connection comes back to be lent again only if it is still open and in no transaction
/// (<c>sqlite3_get_autocommit</c>); otherwise it is closed. At most <see cref="MaxIdle"/> wait; more
/// are closed (back to Microsoft.Data.Sqlite's pool, so its <c>ClearAllPools</c> still frees the file).
/// An idle SQLite connection holds no lock and no read snapshot, so nothing waits on it.
/// </remarks>
public sealed class SqliteConnectionLender(string connectionString) : IDisposable
{
    public const int MaxIdle = 32;

    private readonly ConcurrentStack<SqliteConnection> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// A connection that was open and set up before, or a new one, not yet open: the context opens it at its
    /// first query (as it would any connection, with its interceptors) and keeps it open. Give it back with
    /// <see cref="GiveBack"/>.
    /// </summary>
    public SqliteConnection Lend()
    {
        if (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return new SqliteConnection(ConnectionString);
    }

    public void GiveBack(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!_disposed
            && connection.State == ConnectionState.Open
            && connection.Handle is { } handle
            && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Push(connection);
                if (_disposed)
                {
                    Clear();
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        connection.Dispose();
    }

    /// <summary>Closes every idle connection (the app is stopping, or the file is about to be replaced).</summary>
    public void Clear()
    {
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Clear();
    }
}

/// <summary>One request's connection from the <see cref="SqliteConnectionLender"/>, given back when the request's scope ends.</summary>
public sealed class SqliteConnectionLease(SqliteConnectionLender lender) : IDisposable
{
    private SqliteConnection? _connection;

    public SqliteConnection Connection => _connection ??= lender.Lend();

    public void Dispose()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            lender.GiveBack(connection);
        }
    }
}
