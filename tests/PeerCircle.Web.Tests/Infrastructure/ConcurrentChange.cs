using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// Someone else's change at the worst moment, made deterministic: once armed with <see cref="Before{TEntity}"/>,
/// the next time the app is about to save a modified entity of that type (after its page read the row,
/// before its UPDATE), the change runs first, through the saving context's own connection and transaction, so
/// the page's save meets a stale concurrency token. It runs once, then the interceptor is idle again.
/// </summary>
public sealed class ConcurrentChange : SaveChangesInterceptor
{
    private Func<DbContext, CancellationToken, Task>? _change;
    private Type? _entity;
    private int _ran;

    /// <summary>How many armed changes have run.</summary>
    public int Ran => Volatile.Read(ref _ran);

    public void Before<TEntity>(Func<DbContext, CancellationToken, Task> change)
    {
        _entity = typeof(TEntity);
        Volatile.Write(ref _change, change);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Volatile.Read(ref _change) is not null && eventData.Context is { } context
            && context.ChangeTracker.Entries().Any(e => e.State == EntityState.Modified && e.Metadata.ClrType == _entity)
            && Interlocked.Exchange(ref _change, null) is { } change)
        {
            await change(context, cancellationToken);
            Interlocked.Increment(ref _ran);
        }

        return result;
    }
}

/// <summary>The real app, with a <see cref="ConcurrentChange"/> in its database pipeline.</summary>
public sealed class ConcurrentChangeAppFactory() : InterceptedAppFactory<ConcurrentChange>(new ConcurrentChange())
{
    public ConcurrentChange Change => Interceptor;
}
