using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace PeerCircle.Data;

/// <summary>
/// The app's writers take turns at its SQLite database, in order, waiting without a thread.
/// </summary>
/// <remarks>
/// <para>
/// SQLite lets one connection write at a time. Without this, a second writer finds the lock taken and
/// SQLite's busy handler puts its thread to sleep for 1, 2, 5, 10 … up to 100 ms at a time, trying again
/// after each: the lock often stood free while writers slept, the thread-pool threads they slept on
/// served nobody, and a writer could lose every race for hundreds of milliseconds (the bench's mixed
/// writes: p99 385 ms, with the server's two cores half idle). Here a write transaction first waits for
/// the app's turn (<see cref="SemaphoreSlim.WaitAsync(TimeSpan, CancellationToken)"/>, first come first
/// served), so within the app SQLite's lock is never contended.
/// </para>
/// <para>
/// The turn is taken when a transaction begins (<see cref="LendingSqliteRelationalConnection"/>; every
/// <c>SaveChanges</c> on the app's contexts runs in one, <see cref="SqliteDbContext"/>) and given back when it
/// ends, however it ends: committed, rolled back, disposed, or with its context. A write outside a
/// transaction (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>; background jobs) and another process still meet
/// SQLite's lock, and wait for it through the busy timeout as before (<see cref="SqliteSecureDeleteInterceptor"/>).
/// A turn not free within the same 30 s (<see cref="DefaultTimeout"/>) fails as SQLite would, with <c>SQLITE_BUSY</c>.
/// </para>
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; disposing it would fail a writer still giving its turn back while the app stops.")]
public sealed class SqliteWriteTurn(TimeSpan timeout)
{
    /// <summary>The longest a writer waits for its turn by default: SQLite's busy timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private const int SqliteBusy = 5;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;

    public SqliteWriteTurn()
        : this(DefaultTimeout)
    {
    }

    /// <summary>True while some writer has the turn.</summary>
    public bool Taken => _turn.CurrentCount == 0;

    /// <summary>How many writers wait for the turn now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Take()
    {
        if (_turn.Wait(0))
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            if (!_turn.Wait(timeout))
            {
                throw Busy();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        if (_turn.Wait(0, CancellationToken.None))
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            if (!await _turn.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            {
                throw Busy();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void GiveBack() => _turn.Release();

    private SqliteException Busy() =>
        new($"SQLite Error {SqliteBusy}: 'database is locked' (the app's write turn was not free within {timeout.TotalSeconds:0.###} s).", SqliteBusy);
}
