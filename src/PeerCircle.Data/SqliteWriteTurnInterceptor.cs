using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace PeerCircle.Data;

/// <summary>
/// Makes a command wait for the app's write turn (<see cref="SqliteWriteTurn"/>) before it runs, where it must
/// (<see cref="LendingSqliteRelationalConnection.TakeTurnFor"/>): a transaction's first command, and a write outside
/// a transaction. A transaction gives the turn back when it ends; a write outside one once it has run
/// (<see cref="SqliteGroupCommitInterceptor"/>, after taking its place in the group commit) or failed.
/// </summary>
/// <remarks>
/// Registered before <see cref="SqlitePreparedCommandInterceptor"/>, which runs a kept statement itself: the turn
/// must be taken before anything runs.
/// </remarks>
internal sealed class SqliteWriteTurnInterceptor : IDbCommandInterceptor
{
    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Take(command, eventData, nonQuery: false);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await TakeAsync(command, eventData, nonQuery: false, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Take(command, eventData, nonQuery: false);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await TakeAsync(command, eventData, nonQuery: false, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Take(command, eventData, nonQuery: true);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await TakeAsync(command, eventData, nonQuery: true, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Connection(eventData.Context)?.CommandEnded(command);
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Connection(eventData.Context)?.CommandEnded(command);
    }

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandCanceled(command, eventData);
        return Task.CompletedTask;
    }

    // A read outside a transaction (most of the app's commands) goes on without looking up the context's connection.
    private static void Take(DbCommand command, CommandEventData eventData, bool nonQuery)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (LendingSqliteRelationalConnection.MayNeedTurn(command, nonQuery))
        {
            Connection(eventData.Context)?.TakeTurnFor(command, nonQuery);
        }
    }

    private static ValueTask TakeAsync(DbCommand command, CommandEventData eventData, bool nonQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        return LendingSqliteRelationalConnection.MayNeedTurn(command, nonQuery) && Connection(eventData.Context) is { } connection
            ? connection.TakeTurnForAsync(command, nonQuery, cancellationToken)
            : ValueTask.CompletedTask;
    }

    internal static LendingSqliteRelationalConnection? Connection(DbContext? context) =>
        context?.GetService<IRelationalConnection>() as LendingSqliteRelationalConnection;
}
