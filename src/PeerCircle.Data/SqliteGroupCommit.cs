using System.Collections.Concurrent;

namespace PeerCircle.Data;

/// <summary>
/// Commits to a SQLite database made durable together: a commit is not answered until its write-ahead log
/// has been flushed to the disk since it was written, and one flush answers every commit written before it
/// began (a group commit).
/// </summary>
/// <remarks>
/// <para>
/// With <c>synchronous = FULL</c> SQLite flushes the log inside every COMMIT, while the connection still holds
/// the database's one write lock: every writer waited for every other writer's flush (0.2 ms here), one at a
/// time. The app's connections in WAL mode run with <c>synchronous = NORMAL</c> instead
/// (<see cref="SqliteSecureDeleteInterceptor"/>), under which SQLite writes the commit to the log without
/// flushing it, and the app flushes the log itself right after, outside the lock
/// (<see cref="SqliteGroupCommitInterceptor"/>): writers that commit while a flush runs share the next one.
/// </para>
/// <para>
/// What is promised is unchanged: nothing the app says is saved can be lost when the machine stops. A
/// transaction's commit, or a write outside one, returns only once a flush that began after it has ended
/// (<see cref="WaitDurableAsync"/>). A commit another request sees before its flush is later in the log than
/// everything it depends on, so a power cut between the two loses it together with whatever followed it, and
/// never an answered one. SQLite itself still flushes the log before each checkpoint and the database file
/// after it, so what a checkpoint moved out of the log is on the disk too.
/// </para>
/// </remarks>
public sealed class SqliteGroupCommit(Action flush)
{
    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> s_files = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();
    private long _committed;
    private long _durable;
    private long _flushes;
    private TaskCompletionSource? _flushing;

    /// <summary>The group commit of a database file, shared by every connection to it in this process.</summary>
    public static SqliteGroupCommit For(string databasePath) =>
        s_files.GetOrAdd(databasePath, path => new SqliteGroupCommit(() => FlushLog(path + "-wal")));

    /// <summary>How many commits were written.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>Every commit up to this one is on the disk.</summary>
    public long Durable
    {
        get
        {
            lock (_lock)
            {
                return _durable;
            }
        }
    }

    /// <summary>How many flushes ran.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>A commit has just been written (its COMMIT returned): its number, to wait for.</summary>
    public long Commit() => Interlocked.Increment(ref _committed);

    /// <summary>
    /// Returns once commit <paramref name="ticket"/> is on the disk: at once if a flush that began after it has
    /// ended, else after the flush that runs now if it began after it, else after the next, which this caller runs
    /// on its own thread while later callers wait for it. Each waiter goes on on a thread of its own when the flush
    /// ends (not one after another on the flushing thread). Not cancelled with the request: the commit is made,
    /// and it is answered as saved only once it is durable.
    /// </summary>
    public async Task WaitDurableAsync(long ticket)
    {
        while (true)
        {
            TaskCompletionSource flushing;
            var lead = false;
            lock (_lock)
            {
                if (_durable >= ticket)
                {
                    return;
                }

                if (_flushing is null)
                {
                    _flushing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    lead = true;
                }

                flushing = _flushing;
            }

            if (lead)
            {
                FlushNow(flushing);
            }
            else
            {
                await flushing.Task.ConfigureAwait(false);
            }
        }
    }

    /// <summary>The same, for a synchronous save: flushes on this thread unless a flush since has made it durable.</summary>
    public void WaitDurable(long ticket)
    {
        lock (_lock)
        {
            if (_durable >= ticket)
            {
                return;
            }
        }

        var upTo = Committed;
        flush();
        Flushed(upTo);
    }

    private void FlushNow(TaskCompletionSource flushing)
    {
        try
        {
            // Every commit numbered up to here was written before the flush begins, so the flush covers it.
            var upTo = Committed;
            flush();
            Flushed(upTo);
        }
        catch (Exception ex)
        {
            Done();
            flushing.SetException(ex);
            throw;
        }

        Done();
        flushing.SetResult();

        void Done()
        {
            lock (_lock)
            {
                _flushing = null;
            }
        }
    }

    private void Flushed(long upTo)
    {
        Interlocked.Increment(ref _flushes);
        lock (_lock)
        {
            _durable = Math.Max(_durable, upTo);
        }
    }

    /// <summary>
    /// Flushes the write-ahead log to the disk (fsync). SQLite keeps no lock on this file (its locks are on the
    /// database and the shared-memory index), so opening and closing it here disturbs nothing. No log means
    /// SQLite checkpointed it into the database file, flushed that, and deleted it: nothing is left to flush.
    /// </summary>
    private static void FlushLog(string logPath)
    {
        FileStream log;
        try
        {
            log = new FileStream(logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        using (log)
        {
            log.Flush(flushToDisk: true);
        }
    }
}
