using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// A query EF Core has run before on a connection runs on the statement SQLite prepared the first time
/// (issue 9), with this time's parameters, inside this time's transaction, and never two readers on one
/// statement; and a failed command leaves the connection usable.
/// </summary>
public sealed class PreparedCommandTests : IClassFixture<PeerCircleAppFactory>
{
    private readonly PeerCircleAppFactory _app;

    public PreparedCommandTests(PeerCircleAppFactory app) => _app = app;

    [Fact]
    public async Task The_same_query_with_other_parameters_runs_on_one_prepared_statement_and_gets_its_own_answer()
    {
        var group = await _app.CreateGroupAsync();
        await using var context = await OpenContextAsync();
        var db = context.Db;
        var marker = "prepared-" + Guid.NewGuid().ToString("N");
        Task<int> Count(Guid id, string notName) => db.Groups.CountAsync(g => g.Id == id && g.Name != notName);

        // Text and Guid parameters, answered right each time: bound afresh, not left from the last run.
        Assert.Equal(1, await Count(group.Id, marker));
        Assert.Equal(0, await Count(Guid.NewGuid(), marker));
        Assert.Equal(0, await Count(group.Id, group.Name));
        Assert.Equal(1, await Count(group.Id, marker));

        // This query alone has a parameter named notName (the connection also keeps other tests' statements).
        var statements = Statements(db).Where(s => s.Sql.Contains("\"Groups\"", StringComparison.Ordinal) && s.Sql.Contains("@notName", StringComparison.Ordinal)).ToList();
        var statement = Assert.Single(statements);
        Assert.Equal(4, statement.Runs);
        Assert.Equal(0, statement.Reprepares);
        Assert.False(statement.Busy);
    }

    [Fact]
    public async Task A_query_inside_a_transaction_sees_the_transaction_and_a_rolled_back_change_is_gone()
    {
        var group = await _app.CreateGroupAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var renamed = "renamed-" + Guid.NewGuid().ToString("N");
        Assert.Equal(0, await db.Groups.CountAsync(g => g.Name == renamed)); // prepared outside the transaction

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(u => u.SetProperty(g => g.Name, renamed));
            Assert.Equal(1, await db.Groups.CountAsync(g => g.Name == renamed));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await db.Groups.CountAsync(g => g.Name == renamed));
        Assert.Equal(group.Name, await _app.WithDbAsync(other => other.Groups.Where(g => g.Id == group.Id).Select(g => g.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_same_query_inside_its_own_open_reader_gets_a_statement_of_its_own()
    {
        var first = await _app.CreateGroupAsync();
        var second = await _app.CreateGroupAsync();
        await using var context = await OpenContextAsync();
        var db = context.Db;
        Guid[] ids = [first.Id, second.Id];

        var pairs = new List<(Guid Outer, Guid Inner)>();
        await foreach (var outer in db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id)).OrderBy(g => g.Id).Select(g => g.Id).AsAsyncEnumerable())
        {
            // Same SQL, other parameters, while the outer reader is still open on the same connection.
            var inner = await db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id) && g.Id != outer).OrderBy(g => g.Id).Select(g => g.Id).ToListAsync();
            pairs.Add((outer, Assert.Single(inner)));
        }

        Assert.Equal([(ids.Min(), ids.Max()), (ids.Max(), ids.Min())], pairs);
        Assert.All(Statements(db), s => Assert.False(s.Busy));
    }

    [Fact]
    public async Task A_failed_save_leaves_the_connection_and_its_statements_usable()
    {
        var group = await _app.CreateGroupAsync();
        await using var context = await OpenContextAsync();
        var db = context.Db;
        var user = await _app.CreateUserAsync();
        db.Memberships.Add(Membership.Join(group, user.Id, group.CurrentAgreementVersion, DateTime.UtcNow));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // The same person joining the same group twice breaks the unique index: EF Core's own exception.
        db.Memberships.Add(Membership.Join(group, user.Id, group.CurrentAgreementVersion, DateTime.UtcNow));
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.IsType<SqliteException>(failure.InnerException);
        db.ChangeTracker.Clear();

        Assert.Equal(1, await db.Memberships.CountAsync(m => m.GroupId == group.Id && m.UserId == user.Id));
        Assert.All(Statements(db), s => Assert.False(s.Busy));
    }

    /// <summary>
    /// A context from the app's own registration (its connection lent by <see cref="SqliteConnectionLender"/>),
    /// opened.
    /// </summary>
    private async Task<OwnScope> OpenContextAsync()
    {
        var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        await db.Database.OpenConnectionAsync();
        return new OwnScope(scope, db);
    }

    private static IReadOnlyList<PreparedStatement> Statements(PeerCircleDbContext db) =>
        SqliteStatements.Of((SqliteConnection)db.Database.GetDbConnection());

    /// <summary>The context and its request scope, disposed together (the connection goes back to the lender).</summary>
    private sealed class OwnScope(AsyncServiceScope scope, PeerCircleDbContext db) : IAsyncDisposable
    {
        public PeerCircleDbContext Db => db;

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
