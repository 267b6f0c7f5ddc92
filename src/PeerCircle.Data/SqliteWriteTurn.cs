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
/// A transaction takes the turn just before its first command runs (<see cref="SqliteWriteTurnInterceptor"/>; every
/// <c>SaveChanges</c> on the app's contexts runs in one, <see cref="SqliteDbContext"/>) and gives it back when it
/// ends, however it ends: committed, rolled back, disposed, or with its context. Its <c>BEGIN</c> is deferred
/// (<see cref="LendingSqliteRelationalConnection"/>), so SQLite locks nothing before that command either. A write
/// outside a transaction (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL; background jobs) takes the turn
/// while it runs. So no writer in the app commits between a transaction's first read and its first write, which
/// SQLite would refuse (<c>SQLITE_BUSY</c>: its reads would be out of date). Another process still meets SQLite's
/// lock and waits for it through the busy timeout (<see cref="SqliteSecureDeleteInterceptor"/>); one that writes
/// between a transaction's read and its write makes that write fail (a seat change tries again; another save
/// reports the error). The app is its SQLite database's only writer when it runs (more than one instance needs SQL
/// Server: docs/operations.md). A turn not free within the same 30 s (<see cref="DefaultTimeout"/>) fails as SQLite
/// would, with <c>SQLITE_BUSY</c>.
/// </para>
/// <para>
/// The turn used to be taken when a transaction began (<c>BEGIN IMMEDIATE</c>), and it was held while EF Core set
/// up the transaction and, in a <c>SaveChanges</c>, sorted the changes and wrote the first command: 11 % of a
/// booking's CPU time within the turn in the bench's mixed writes (issue 9).
/// </para>
/// <para>
/// The turn goes from one writer straight to the next, on the thread that gives it back (issue 9). The bench's
/// mixed writes held the turn 86 % of the time and it stood between writers the other 14 %: a
/// <see cref="SemaphoreSlim"/> (which this was) hands it on by queueing the next writer's continuation on the
/// thread pool, where it waited behind other requests' work (0.09 ms a hand-over on average) while nobody could
/// write. Here the writer giving the turn back runs the next one's continuation itself, until that one waits for
/// something; a writer handed the turn that way hands it on the same way at most <see cref="MaxHandOnDepth"/> deep,
/// then through the thread pool, so a queue of writers never builds one deep stack. Writers are served first come, first served.
/// </para>
/// </remarks>
public sealed class SqliteWriteTurn(TimeSpan timeout)
{
    /// <summary>The longest a writer waits for its turn by default: SQLite's busy timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How many hand-overs, one inside another, a thread runs itself before the next goes to the thread pool.</summary>
    public const int MaxHandOnDepth = 2;

    private const int SqliteBusy = 5;

    [ThreadStatic]
    private static int t_handOnDepth;

    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private bool _taken;

    public SqliteWriteTurn()
        : this(DefaultTimeout)
    {
    }

    /// <summary>True while some writer has the turn.</summary>
    public bool Taken
    {
        get
        {
            lock (_gate)
            {
                return _taken;
            }
        }
    }

    /// <summary>How many writers wait for the turn now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Take()
    {
        if (Enqueue() is not { } waiter)
        {
            return;
        }

        // Handed the turn in time, or just as the wait ran out (no longer in the queue): it is this writer's.
        if (waiter.Task.Wait(timeout) || !Abandon(waiter))
        {
            waiter.Task.Wait();
            return;
        }

        throw Busy();
    }

    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        if (Enqueue() is not { } waiter)
        {
            return;
        }

        // The time limit and the caller's token each take the writer out of the queue if it is still waiting there;
        // a writer already handed the turn keeps it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(timeout);
        await using (stop.Token.UnsafeRegister(
            static (state, _) =>
            {
                var (turn, waiter, cancellationToken) = ((SqliteWriteTurn, Waiter, CancellationToken))state!;
                if (turn.Abandon(waiter))
                {
                    waiter.SetException(cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : turn.Busy());
                }
            },
            (this, waiter, cancellationToken)).ConfigureAwait(false))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }

    public void GiveBack()
    {
        Waiter next;
        lock (_gate)
        {
            if (_queue.First is not { } first)
            {
                _taken = false;
                return;
            }

            _queue.RemoveFirst();
            next = first.Value;
        }

        // The turn is the next writer's now (still taken). Its continuation runs here, up to its next wait, unless
        // this thread is already that deep in hand-overs.
        if (t_handOnDepth < MaxHandOnDepth)
        {
            t_handOnDepth++;
            try
            {
                next.SetResult();
            }
            finally
            {
                t_handOnDepth--;
            }
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static waiter => waiter.SetResult(), next, preferLocal: true);
        }
    }

    // Takes the turn if it is free (null), or queues a writer for it.
    private Waiter? Enqueue()
    {
        lock (_gate)
        {
            if (!_taken)
            {
                _taken = true;
                return null;
            }

            var waiter = new Waiter();
            _queue.AddLast(waiter.Node);
            return waiter;
        }
    }

    // Takes a writer out of the queue if it still waits there (not yet handed the turn).
    private bool Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node.List is null)
            {
                return false;
            }

            _queue.Remove(waiter.Node);
            return true;
        }
    }

    private SqliteException Busy() =>
        new($"SQLite Error {SqliteBusy}: 'database is locked' (the app's write turn was not free within {timeout.TotalSeconds:0.###} s).", SqliteBusy);

    // A writer waiting in the queue. Its continuation runs where the turn is handed to it (no RunContinuationsAsynchronously).
    private sealed class Waiter : TaskCompletionSource
    {
        public Waiter() => Node = new LinkedListNode<Waiter>(this);

        public LinkedListNode<Waiter> Node { get; }
    }
}
