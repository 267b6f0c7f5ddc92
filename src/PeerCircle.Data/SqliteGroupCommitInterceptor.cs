using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace PeerCircle.Data;

/// <summary>
/// Holds back every SQLite commit until it is on the disk (<see cref="SqliteGroupCommit"/>): a transaction's
/// commit, and a write outside a transaction (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL), which EF
/// Core runs as a non-query command. The app's saves all run in transactions (<see cref="SqliteDbContext"/>);
/// it writes through no query that reads rows back outside one.
/// </summary>
/// <remarks>
/// At a commit, and after a write outside a transaction, the app's write turn (<see cref="SqliteWriteTurn"/>) is
/// given back first: SQLite's write lock was released when the COMMIT (or the write) returned, and the next writer
/// need not wait for this one's flush.
/// </remarks>
internal sealed class SqliteGroupCommitInterceptor : DbTransactionInterceptor, IDbCommandInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Committed(eventData.Context) is { } commit)
        {
            commit.Log.WaitDurable(commit.Ticket);
        }
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return Committed(eventData.Context) is { } commit ? commit.Log.WaitDurableAsync(commit.Ticket) : Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (command.Transaction is null && Written(command, eventData.Context) is { } commit)
        {
            commit.Log.WaitDurable(commit.Ticket);
        }

        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (command.Transaction is null && Written(command, eventData.Context) is { } commit)
        {
            await commit.Log.WaitDurableAsync(commit.Ticket).ConfigureAwait(false);
        }

        return result;
    }

    // A write outside a transaction has run: its commit's number first, then the write turn it took goes back
    // (SqliteWriteTurnInterceptor), for the same reason as at a transaction's commit (below).
    private static (SqliteGroupCommit Log, long Ticket)? Written(DbCommand command, DbContext? context)
    {
        var commit = Committed(command.Connection);
        var connection = SqliteWriteTurnInterceptor.Connection(context);
        connection?.CommandEnded(command);
        connection?.Committed();
        return commit;
    }

    // A transaction's connection is gone from it once it is committed: the context's connection is the one.
    private static (SqliteGroupCommit Log, long Ticket)? Committed(DbContext? context)
    {
        if (context?.GetService<IRelationalConnection>() is not { } connection)
        {
            return null;
        }

        // SQLite released its write lock when the COMMIT returned: the next writer need not wait for this flush. The
        // commit's number is taken first: the next writer may run on this thread as the turn is handed to it
        // (SqliteWriteTurn), and this commit is not to wait for a flush of that one's.
        var commit = Committed(connection.DbConnection);
        var lending = connection as LendingSqliteRelationalConnection;
        lending?.GiveTurnBack();
        // Counted for the checkpointer once the turn is given back: waking its thread is no part of the turn.
        lending?.Committed();
        return commit;
    }

    private static (SqliteGroupCommit Log, long Ticket)? Committed(DbConnection? connection)
    {
        if (connection is not SqliteConnection { DataSource: { Length: > 0 } path } || path == ":memory:")
        {
            return null;
        }

        var log = SqliteGroupCommit.For(path);
        return (log, log.Commit());
    }
}
