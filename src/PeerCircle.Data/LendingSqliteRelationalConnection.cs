using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

#pragma warning disable EF1001 // EF Core's SQLite connection service is internal API; see the remarks.
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;

namespace PeerCircle.Data;

/// <summary>
/// EF Core's SQLite connection for a context, except that its <see cref="SqliteConnection"/> comes from
/// the app's <see cref="SqliteConnectionLender"/> (already open, when one waits there), stays open for the
/// context's whole life, and goes back to the lender instead of being closed when the context is disposed.
/// </summary>
/// <remarks>
/// This derives from EF Core's internal <c>SqliteRelationalConnection</c> (hence EF1001) because none
/// of its public hooks can keep a connection it owns open: a context's disposal closes it without asking
/// the interceptors, and a connection handed in ready-made (<c>UseSqlite(connection)</c>) gets EF Core's
/// SQL functions registered again by every new context, which expires every statement prepared on it.
/// Only connection handling changes; a new connection is made and set up by EF Core as before. The tests
/// in <c>ConnectionLenderTests</c> fail if an EF Core update changes what this relies on.
/// </remarks>
public sealed class LendingSqliteRelationalConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    private readonly SqliteConnectionLender? _lender =
        dependencies.ContextOptions.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteConnectionLender>().FirstOrDefault();

    private SqliteWriteTurn? _turn;
    private bool _hasTurn;

    // A transaction begins deferred ("BEGIN"): SQLite takes no lock until its first statement, and that statement
    // first waits for the app's write turn (SqliteWriteTurnInterceptor), kept until the transaction ends. Every
    // writer on the app's database takes the turn before its first statement, so no other writer in the app can
    // commit between a transaction's first read and its first write (SQLite refuses such a write, SQLITE_BUSY).
    protected override DbTransaction ConnectionBeginTransaction(IsolationLevel isolationLevel) =>
        DbConnection is SqliteConnection sqlite ? sqlite.BeginTransaction(isolationLevel, deferred: true) : base.ConnectionBeginTransaction(isolationLevel);

    protected override ValueTask<DbTransaction> ConnectionBeginTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken = default) =>
        DbConnection is SqliteConnection sqlite
            ? ValueTask.FromResult<DbTransaction>(sqlite.BeginTransaction(isolationLevel, deferred: true))
            : base.ConnectionBeginTransactionAsync(isolationLevel, cancellationToken);

    // Every way a transaction ends (commit, rollback, disposal, the context's reset or disposal) clears it here.
    // EF Core also clears it when it opens the connection, inside BeginTransaction: no transaction ends then.
    public override IDbContextTransaction? CurrentTransaction
    {
        get => base.CurrentTransaction;
        protected set
        {
            var ended = value is null && base.CurrentTransaction is not null;
            base.CurrentTransaction = value;
            if (ended)
            {
                GiveTurnBack();
            }
        }
    }

    /// <summary>
    /// Waits for the write turn before <paramref name="command"/> runs, if it must: a command in a transaction (the
    /// transaction keeps the turn until it ends), or a write outside one (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>,
    /// raw SQL: a non-query, which has it until it has run). Not a read outside a transaction, nor a connection that
    /// has the turn already or is not to the app's database.
    /// </summary>
    internal void TakeTurnFor(DbCommand command, bool nonQuery)
    {
        if (TurnFor(command, nonQuery) is { } turn)
        {
            turn.Take();
            _hasTurn = true;
        }
    }

    /// <inheritdoc cref="TakeTurnFor"/>
    internal async ValueTask TakeTurnForAsync(DbCommand command, bool nonQuery, CancellationToken cancellationToken)
    {
        if (TurnFor(command, nonQuery) is { } turn)
        {
            await turn.TakeAsync(cancellationToken).ConfigureAwait(false);
            _hasTurn = true;
        }
    }

    /// <summary>A command outside a transaction has run (or failed): the turn it took, if any, goes back.</summary>
    internal void CommandEnded(DbCommand command)
    {
        if (command.Transaction is null)
        {
            GiveTurnBack();
        }
    }

    /// <summary>Whether <paramref name="command"/> may have to wait for the write turn: one in a transaction, or a write outside one, never a read outside one.</summary>
    internal static bool MayNeedTurn(DbCommand command, bool nonQuery) => nonQuery || command.Transaction is not null;

    private SqliteWriteTurn? TurnFor(DbCommand command, bool nonQuery) =>
        _hasTurn || !MayNeedTurn(command, nonQuery) ? null : _turn ??= _lender?.WriteTurnFor(ConnectionString);

    /// <summary>A commit (or a write outside a transaction) on this connection has returned: counted towards the next checkpoint.</summary>
    internal void Committed()
    {
        if (_turn is not null)
        {
            _lender?.Checkpointer.Committed();
        }
    }

    /// <summary>Gives the write turn back if this connection has it (also at a commit: <see cref="SqliteGroupCommitInterceptor"/>).</summary>
    internal void GiveTurnBack()
    {
        if (_hasTurn)
        {
            _hasTurn = false;
            _turn!.GiveBack();
        }
    }

    protected override DbConnection CreateDbConnection() =>
        _lender is not null && _lender.TryLend(ConnectionString, out var lent) ? lent : base.CreateDbConnection();

    // Stays open until the context is disposed: EF Core would close it after every query.
    protected override void CloseDbConnection()
    {
        if (DbConnection.State == ConnectionState.Broken)
        {
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync() =>
        DbConnection.State == ConnectionState.Broken ? base.CloseDbConnectionAsync() : Task.CompletedTask;

    protected override void DisposeDbConnection()
    {
        if (!GiveBack())
        {
            base.DisposeDbConnection();
        }
    }

    protected override ValueTask DisposeDbConnectionAsync() =>
        GiveBack() ? ValueTask.CompletedTask : base.DisposeDbConnectionAsync();

    // A pooled context is reset, not disposed, at the end of its request (AddDbContextPool): its connection goes
    // back to the lender then too, so connections are shared among all contexts and the lender's rule (only an
    // open connection in no transaction is lent again) holds for every request. EF Core's own reset would keep
    // the connection with the context, inside whatever state the request left it in.
    protected override void ResetState(bool disposeDbConnection) => base.ResetState(disposeDbConnection: true);

    protected override ValueTask ResetStateAsync(bool disposeDbConnection) => base.ResetStateAsync(disposeDbConnection: true);

    private bool GiveBack() => _lender is not null && DbConnection is SqliteConnection connection && _lender.Keep(connection);
}
