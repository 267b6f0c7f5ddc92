using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// The statements SQLite holds prepared on a connection, read from SQLite itself (<c>sqlite3_next_stmt</c>,
/// <c>sqlite3_stmt_status</c>): its SQL, how many times it ran, how many times SQLite had to parse and
/// plan it again because it had expired, and whether it is in the middle of a run (holding a read snapshot).
/// </summary>
public static class SqliteStatements
{
    private const int Reprepares = 5; // SQLITE_STMTSTATUS_REPREPARE
    private const int Runs = 6; // SQLITE_STMTSTATUS_RUN

    public static IReadOnlyList<PreparedStatement> Of(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var db = connection.Handle!.DangerousGetHandle();
        var found = new List<PreparedStatement>();
        for (var stmt = Native.sqlite3_next_stmt(db, IntPtr.Zero); stmt != IntPtr.Zero; stmt = Native.sqlite3_next_stmt(db, stmt))
        {
            found.Add(new PreparedStatement(
                Marshal.PtrToStringUTF8(Native.sqlite3_sql(stmt)) ?? "",
                Native.sqlite3_stmt_status(stmt, Runs, 0),
                Native.sqlite3_stmt_status(stmt, Reprepares, 0),
                Native.sqlite3_stmt_busy(stmt) != 0));
        }

        return found;
    }

    private static class Native
    {
        [DllImport("e_sqlite3")]
        public static extern IntPtr sqlite3_next_stmt(IntPtr db, IntPtr stmt);

        [DllImport("e_sqlite3")]
        public static extern IntPtr sqlite3_sql(IntPtr stmt);

        [DllImport("e_sqlite3")]
        public static extern int sqlite3_stmt_status(IntPtr stmt, int op, int reset);

        [DllImport("e_sqlite3")]
        public static extern int sqlite3_stmt_busy(IntPtr stmt);
    }
}

public sealed record PreparedStatement(string Sql, int Runs, int Reprepares, bool Busy);
