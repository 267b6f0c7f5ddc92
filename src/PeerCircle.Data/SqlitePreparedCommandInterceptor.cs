using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Data;

/// <summary>
/// Keeps each SQLite connection's prepared statements, so a query EF Core has sent on that connection
/// before is not parsed and planned again (issue 9).
/// </summary>
/// <remarks>
/// EF Core makes a new command for every query, and Microsoft.Data.Sqlite prepares a new command's SQL
/// each time it runs (<c>sqlite3_prepare_v2</c>): parsing and planning was about 15 % of the server's CPU
/// on a group page, running the statements under 3 % (perf profile, docs/performance.md). The app's
/// connections stay open between requests (<see cref="SqliteConnectionLender"/>), so each keeps one
/// <see cref="SqliteCommand"/> per SQL text it has run (at most <see cref="MaxPerConnection"/>); a reader
/// or scalar EF Core asks for is run on that command instead, with EF Core's parameters and transaction,
/// and the command is kept again when EF Core disposes the reader (which resets the statement, so an idle
/// connection holds no read snapshot). The SQL, its parameters and its results are exactly EF Core's;
/// only the parsing is saved. SQLite re-prepares a kept statement by itself if the schema changes. A
/// second reader of the same SQL while the first is open gets a command of its own. Non-query commands
/// (raw SQL, bulk updates) are left to EF Core.
/// </remarks>
internal sealed class SqlitePreparedCommandInterceptor : DbCommandInterceptor
{
    public const int MaxPerConnection = 100;

    private static readonly ConditionalWeakTable<SqliteConnection, Statements> s_byConnection = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (result.HasResult || Take(command) is not { } kept)
        {
            return result;
        }

        return InterceptionResult<DbDataReader>.SuppressWithResult(Run(command, kept, static c => c.ExecuteReader()));
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuting(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (result.HasResult || Take(command) is not { } kept)
        {
            return result;
        }

        try
        {
            return InterceptionResult<object>.SuppressWithResult(Run(command, kept, static c => c.ExecuteScalar())!);
        }
        finally
        {
            Keep(command);
        }
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        // EF Core disposes the reader (ours) after this returns; the command is kept once the reader is done.
        eventData.DataReader.Dispose();
        Keep(command);
        return result;
    }

    private static SqliteCommand? Take(DbCommand command)
    {
        if (command is not SqliteCommand { Connection: { State: ConnectionState.Open } connection } || command.CommandType != CommandType.Text)
        {
            return null;
        }

        var statements = s_byConnection.GetValue(connection, static c => new Statements(c));
        return statements.Take(command);
    }

    private static void Keep(DbCommand command)
    {
        if (command is SqliteCommand { Connection: { } connection } && s_byConnection.TryGetValue(connection, out var statements))
        {
            statements.Keep(command);
        }
    }

    private static T Run<T>(DbCommand command, SqliteCommand kept, Func<SqliteCommand, T> execute)
    {
        kept.Transaction = (SqliteTransaction?)command.Transaction;
        kept.CommandTimeout = command.CommandTimeout;
        // EF Core's own parameter objects, bound exactly as EF Core set them up (type, size, value).
        kept.Parameters.Clear();
        foreach (SqliteParameter parameter in command.Parameters)
        {
            kept.Parameters.Add(parameter);
        }

        try
        {
            return execute(kept);
        }
        catch
        {
            Keep(command);
            throw;
        }
    }

    /// <summary>One connection's kept commands: used by one request at a time, so no locking.</summary>
    private sealed class Statements(SqliteConnection connection)
    {
        private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);
        private readonly Dictionary<DbCommand, SqliteCommand> _lent = new(ReferenceEqualityComparer.Instance);
        private int _count;

        public SqliteCommand? Take(DbCommand command)
        {
            var sql = command.CommandText;
            if (_idle.Remove(sql, out var kept))
            {
                _lent[command] = kept;
                return kept;
            }

            if (_count >= MaxPerConnection)
            {
                return null;
            }

            _count++;
            kept = new SqliteCommand(sql, connection);
            _lent[command] = kept;
            return kept;
        }

        public void Keep(DbCommand command)
        {
            if (!_lent.Remove(command, out var kept))
            {
                return;
            }

            kept.Parameters.Clear(); // holds no values between requests
            kept.Transaction = null;

            if (!_idle.TryAdd(kept.CommandText, kept))
            {
                _count--;
                kept.Dispose();
            }
        }
    }
}
