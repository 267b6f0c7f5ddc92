using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Data;

/// <summary>
/// Keeps a context's SQLite connection open from its first query until the context is disposed (the end
/// of the request), instead of EF Core's default of opening and closing it around every query.
/// </summary>
/// <remarks>
/// Opening and closing a pooled Microsoft.Data.Sqlite connection takes the pool's lock; a page runs 3–8
/// queries, and under load 32 requests at once queued on that lock (13–18 % of the CPU of a board thread
/// and the group list, issue 9, docs/performance.md). The first close EF Core asks for is suppressed;
/// EF Core then regards the connection as opened by the application and leaves it open, and returns it to
/// the pool when the context is disposed. An idle SQLite connection holds no lock and no read snapshot,
/// so nothing waits on it. SQLite only: a SQL Server connection is released to its own pool as usual.
/// </remarks>
internal sealed class SqliteConnectionPerContextInterceptor : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        connection is SqliteConnection ? InterceptionResult.Suppress() : result;

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(connection is SqliteConnection ? InterceptionResult.Suppress() : result);
}
