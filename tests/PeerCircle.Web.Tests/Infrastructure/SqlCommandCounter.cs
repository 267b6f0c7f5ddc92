using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// Records every SQL command EF Core sends during a request that carries the <see cref="Header"/>
/// header, keyed by its value, so a test can count the commands one page view costs.
/// </summary>
public sealed class SqlCommandCounter(IHttpContextAccessor accessor) : DbCommandInterceptor
{
    public const string Header = "X-Test-Sql-Count";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _commands = new(StringComparer.Ordinal);

    public IReadOnlyList<string> CommandsFor(string requestId) =>
        _commands.TryGetValue(requestId, out var commands) ? commands.ToList() : [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        var requestId = accessor.HttpContext?.Request.Headers[Header].ToString();
        if (!string.IsNullOrEmpty(requestId))
        {
            _commands.GetOrAdd(requestId, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
        }
    }
}
