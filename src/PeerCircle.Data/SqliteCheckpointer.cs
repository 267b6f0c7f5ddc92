using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PeerCircle.Data;

/// <summary>
/// Copies the app's SQLite write-ahead log into the database file (a checkpoint) on a thread of its own, so no
/// request's commit does it inside the app's write turn (<see cref="SqliteWriteTurn"/>).
/// </summary>
/// <remarks>
/// <para>
/// By default SQLite checkpoints inside a COMMIT once the log holds 1,000 pages: that commit copies the pages,
/// flushes the log and the database file, and only then returns, while every other writer in the app waits for the
/// turn (issue 9: 1 to 4 ms a checkpoint in the bench's mixed writes, about one commit in a hundred). The app's
/// connections raise that threshold to <see cref="WriterThreshold"/> pages (<see cref="SqliteSecureDeleteInterceptor"/>),
/// a limit reached only if this thread falls behind, and this one checkpoints after every
/// <see cref="CommitsPerCheckpoint"/> commits (<see cref="Committed"/>), on a connection of its own.
/// </para>
/// <para>
/// The checkpoint is SQLite's passive one: it copies what no reader still needs and waits for nobody, readers and
/// writers go on meanwhile. What is durable does not change: SQLite flushes the log before it copies and the
/// database file after, as in a commit's checkpoint. The thread starts at the first commit and ends with the lender
/// (the app stopping); a checkpoint that fails (the file gone, another process checkpointing) is left to the next.
/// </para>
/// </remarks>
public sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>Commits between two checkpoints.</summary>
    public const int CommitsPerCheckpoint = 64;

    /// <summary>The log's size, in pages, at which a commit checkpoints itself (SQLite's own rule, as a backstop).</summary>
    public const int WriterThreshold = 10_000;

    /// <summary>Sets <see cref="WriterThreshold"/> on a connection in WAL mode.</summary>
    public static readonly string WriterThresholdPragma =
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {WriterThreshold};");

    private readonly string _connectionString;
    private readonly object _gate = new();
    private long _commits;
    private long _checkpointedAt;
    private long _checkpoints;
    private bool _pending;
    private bool _disposed;
    private Thread? _thread;

    public SqliteCheckpointer(string connectionString)
    {
        // Its own connection, not one of Microsoft.Data.Sqlite's pool: it lives as long as this does.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    /// <summary>How many checkpoints this thread has run.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>A commit on the database has returned: after enough of them, the thread checkpoints.</summary>
    public void Committed()
    {
        var commits = Interlocked.Increment(ref _commits);
        if (commits - Interlocked.Read(ref _checkpointedAt) >= CommitsPerCheckpoint)
        {
            Wake();
        }
    }

    /// <summary>Has the thread checkpoint now (it starts the thread the first time).</summary>
    public void Wake()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending = true;
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoint" };
                _thread.Start();
            }
            else
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            _disposed = true;
            thread = _thread;
            Monitor.PulseAll(_gate);
        }

        thread?.Join(TimeSpan.FromSeconds(10));
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    while (!_pending && !_disposed)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_disposed)
                    {
                        return;
                    }

                    _pending = false;
                }

                var upTo = Interlocked.Read(ref _commits);
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(_connectionString);
                        connection.Open();
                        // A connection finds the log when it first reads the database; a checkpoint before that does nothing.
                        using var command = connection.CreateCommand();
                        command.CommandText = "PRAGMA journal_mode;";
                        command.ExecuteScalar();
                    }

                    SQLitePCL.raw.sqlite3_wal_checkpoint_v2(connection.Handle, null, SQLitePCL.raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
                    Interlocked.Increment(ref _checkpoints);
                }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
                {
                    // The file cannot be opened now (being replaced, gone): the next commit wakes this again.
                    connection?.Dispose();
                    connection = null;
                }

                Interlocked.Exchange(ref _checkpointedAt, upTo);
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
