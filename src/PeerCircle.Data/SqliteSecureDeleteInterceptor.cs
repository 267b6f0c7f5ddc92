using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Data;

/// <summary>
/// Turns on SQLite's secure_delete for every connection, so deleted or overwritten content (a withdrawn
/// or purged share) is zeroed in the database file instead of lingering in free space. It also sets a
/// busy timeout: a writer that finds the write lock taken (another SaveChanges at the same moment) is
/// then woken by SQLite within milliseconds of the lock's release. Without it Microsoft.Data.Sqlite
/// retries on its own by Thread.Sleep(150), which blocks a thread-pool thread and delays that request
/// by at least 150 ms (the live room's messages, bench/PeerCircle.Bench.Room).
/// </summary>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON; PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "PRAGMA secure_delete = ON; PRAGMA busy_timeout = 30000;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
