using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Data;

/// <summary>
/// Keeps the app's SQLite connections open between requests and lends each, still open, to one database
/// context at a time, so the statements prepared on it (<see cref="SqlitePreparedCommandInterceptor"/>)
/// are still valid when the next request runs the same query (issue 9).
/// </summary>
/// <remarks>
/// <para>
/// Why not Microsoft.Data.Sqlite's own pool: every time a pooled connection is opened, it registers EF
/// Core's SQL functions (<c>ef_add</c>, <c>regexp</c>, …) on the native connection again, and SQLite
/// expires every statement prepared on a connection whose functions are redefined
/// (<c>sqlite3CreateFunc</c> → <c>sqlite3ExpirePreparedStatements</c>): a kept statement was parsed and
/// planned again at its next run. Here a connection is opened, and its functions registered, once.
/// </para>
/// <para>
/// A context takes a connection when it first needs one and keeps it open for its whole life
/// (<see cref="LendingSqliteRelationalConnection"/>: a page runs 3–8 queries; opening and closing around
/// each was measured as lock contention, docs/performance.md). When the context is disposed the
/// connection comes back here if it is still open and in no transaction (<c>sqlite3_get_autocommit</c>);
/// otherwise it is disposed. At most <see cref="MaxIdle"/> wait; more are disposed. An idle SQLite
/// connection holds no lock and no read snapshot (its statements are reset when their readers close), so
/// nothing waits on it. Taking and giving back is one lock-free pop or push. <see cref="Dispose"/> (the
/// app stopping) closes them all. The lender travels in the context's options as an interceptor, where
/// the context's connection service finds it; it intercepts nothing itself.
/// </para>
/// </remarks>
public sealed class SqliteConnectionLender(string connectionString) : IInterceptor, IDisposable
{
    public const int MaxIdle = 32;

    private readonly ConcurrentStack<SqliteConnection> _idle = new();
    private readonly string _given = connectionString;
    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString).ToString();
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>The turn the app's writers take at this database (<see cref="SqliteWriteTurn"/>).</summary>
    public SqliteWriteTurn WriteTurn { get; } = new();

    /// <summary>Checkpoints this database's write-ahead log off the write turn (<see cref="SqliteCheckpointer"/>).</summary>
    public SqliteCheckpointer Checkpointer { get; } = new(connectionString);

    /// <summary>The write turn of the database a connection string names, if it is this lender's.</summary>
    public SqliteWriteTurn? WriteTurnFor(string? connectionString) => SameDatabase(connectionString) ? WriteTurn : null;

    /// <summary>How many open connections wait to be lent.</summary>
    public int Idle => Volatile.Read(ref _idleCount);

    /// <summary>An open connection to the app's database that waits to be lent, if there is one.</summary>
    public bool TryLend(string? connectionString, [NotNullWhen(true)] out SqliteConnection? connection)
    {
        if (!_disposed && SameDatabase(connectionString))
        {
            while (_idle.TryPop(out connection))
            {
                Interlocked.Decrement(ref _idleCount);
                if (connection.State == ConnectionState.Open)
                {
                    return true;
                }

                connection.Dispose();
            }
        }

        connection = null;
        return false;
    }

    /// <summary>
    /// Takes a connection back to lend again if it is still open, in no transaction and not one too many;
    /// otherwise the caller disposes it.
    /// </summary>
    public bool Keep(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_disposed
            || connection.State != ConnectionState.Open
            || connection.Handle is not { } handle
            || SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0
            || !SameDatabase(connection.ConnectionString))
        {
            return false;
        }

        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }

        _idle.Push(connection);
        if (_disposed)
        {
            Clear();
        }

        return true;
    }

    /// <summary>Closes every idle connection (the app is stopping, or its database file is about to be replaced).</summary>
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
        Checkpointer.Dispose();
        Clear();
    }

    private bool SameDatabase(string? connectionString) =>
        connectionString is not null
        && (string.Equals(connectionString, _given, StringComparison.Ordinal)
            || string.Equals(connectionString, _connectionString, StringComparison.Ordinal)
            || string.Equals(new SqliteConnectionStringBuilder(connectionString).ToString(), _connectionString, StringComparison.Ordinal));
}
