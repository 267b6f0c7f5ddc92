using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Data;

/// <summary>
/// Turns on SQLite's secure_delete for every connection, so deleted or overwritten content (a withdrawn
/// or purged share) is zeroed in the database file instead of lingering in free space. It also sets a
/// busy timeout: a writer that finds the write lock taken (another SaveChanges at the same moment) is
/// then woken by SQLite within milliseconds of the lock's release. Without it Microsoft.Data.Sqlite
/// retries on its own by Thread.Sleep(150), which blocks a thread-pool thread and delays that request
/// by at least 150 ms (the live room's messages, bench/PeerCircle.Bench.Room). It turns on SQLite's
/// query planner stability guarantee (<see cref="PlanOnce"/>), and in WAL mode hands the flush of each commit
/// to the app (<see cref="GroupCommit"/>).
/// </summary>
/// <remarks>
/// These settings belong to the native connection and last as long as it does, so they are applied once
/// per native connection (remembered by its handle), not on every open. The app's connections stay open
/// between requests (<see cref="SqliteConnectionLender"/>); a tool's context opens one from
/// Microsoft.Data.Sqlite's pool, which hands back native connections already set up (issue 9,
/// docs/performance.md).
/// </remarks>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    private const string Settings = "PRAGMA secure_delete = ON; PRAGMA busy_timeout = 30000;";

    /// <summary>
    /// In WAL mode a COMMIT writes the log without flushing it; the app flushes it right after, outside the write
    /// lock, and answers the commit only then (<see cref="SqliteGroupCommit"/>). Not in the rollback-journal mode
    /// (a new database's first connection, before the app turns WAL on), where NORMAL could corrupt the file on a
    /// power cut: that connection keeps FULL. A commit no longer checkpoints the log at 1,000 pages: the app's
    /// checkpointer does, off the write turn (<see cref="SqliteCheckpointer"/>).
    /// </summary>
    private static readonly string GroupCommit = "PRAGMA synchronous = NORMAL; " + SqliteCheckpointer.WriterThresholdPragma;

    private static bool IsWal(object? journalMode) => string.Equals(journalMode as string, "wal", StringComparison.OrdinalIgnoreCase);

    private static readonly ConditionalWeakTable<object, object> s_configured = [];
    private static readonly object s_done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!NeedsSettings(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Settings;
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA journal_mode;";
        if (IsWal(command.ExecuteScalar()))
        {
            command.CommandText = GroupCommit;
            command.ExecuteNonQuery();
        }

        PlanOnce(connection);
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!NeedsSettings(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Settings;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = "PRAGMA journal_mode;";
            if (IsWal(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)))
            {
                command.CommandText = GroupCommit;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        PlanOnce(connection);
        Remember(connection);
    }

    /// <summary>
    /// SQLite's query planner stability guarantee: a statement's plan does not depend on the values bound
    /// to its parameters. Without it SQLite reads a bound <c>LIMIT @p</c> (EF Core sends every
    /// <c>Take(n)</c> so) or <c>LIKE @p</c> while planning, and marks the statement to be parsed and planned
    /// again whenever that parameter is bound, even to the same value: every run, since
    /// Microsoft.Data.Sqlite binds every parameter each time. Kept statements
    /// (<see cref="SqlitePreparedCommandInterceptor"/>) would then save nothing for those queries. The app
    /// has no LIKE that an index could serve, so no plan gets worse.
    /// </summary>
    private static void PlanOnce(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_db_config(handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _);
        }
    }

    private static bool NeedsSettings(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !s_configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            s_configured.AddOrUpdate(handle, s_done);
        }
    }
}
