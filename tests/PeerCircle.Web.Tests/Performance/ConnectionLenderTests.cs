using System.Data;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Web.Tests.Infrastructure;
using SQLitePCL;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// The app's SQLite connections stay open between requests, each lent to one context at a time, and a
/// query the app ran before runs again on the statement SQLite prepared then, without being parsed or
/// planned again (issue 9). Each test has an app of its own, so what is counted is the test's alone.
/// </summary>
public sealed class ConnectionLenderTests
{
    [Fact]
    public async Task Every_request_s_context_uses_the_options_built_once_for_the_app()
    {
        using var app = new PeerCircleAppFactory();
        var options = new HashSet<DbContextOptions>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 3; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            Assert.Equal(0, await db.Groups.CountAsync(g => g.Name == "no such group"));
            options.Add(scope.ServiceProvider.GetRequiredService<DbContextOptions<SqliteDbContext>>());
        }

        // Built per request, the options ran every configuration and looked up EF Core's services again (issue 9).
        Assert.Single(options);
    }

    [Fact]
    public void EF_Core_checks_for_a_context_used_twice_at_once_everywhere_but_in_Production()
    {
        // The check costs two async-local writes per row read (issue 9): off in Production, on in the tests.
        using var testing = new PeerCircleAppFactory();
        Assert.True(ThreadSafetyChecks(testing));
        using var production = new PeerCircleAppFactory().With("environment", "Production").With("App:PublicBaseUrl", "https://peercircle.test/");
        Assert.False(ThreadSafetyChecks(production));
        using var configured = new PeerCircleAppFactory().With("environment", "Production").With("App:PublicBaseUrl", "https://peercircle.test/")
            .With("Database:ThreadSafetyChecks", "true");
        Assert.True(ThreadSafetyChecks(configured));

        static bool ThreadSafetyChecks(PeerCircleAppFactory app)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            return db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled;
        }
    }

    [Fact]
    public async Task A_request_gets_a_pooled_context_reset_with_nothing_of_the_request_before()
    {
        using var app = new PeerCircleAppFactory();
        var group = await app.CreateGroupAsync();
        var lender = app.Services.GetRequiredService<SqliteConnectionLender>();
        PeerCircleDbContext first;
        SqliteConnection connection;
        int idleWhileHeld;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            var tracked = await first.Groups.SingleAsync(g => g.Id == group.Id);
            first.ChangeTracker.AutoDetectChangesEnabled = false;
            Assert.Single(first.ChangeTracker.Entries());
            connection = (SqliteConnection)first.Database.GetDbConnection();
            idleWhileHeld = lender.Idle;
        }

        // The reset gave the connection back: it waits at the lender, not with the pooled context.
        Assert.Equal(idleWhileHeld + 1, lender.Idle);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            // The same context, made once (a new one cost a scope of EF Core's services per request, issue 9) ...
            Assert.Same(first, second);
            // ... reset: nothing tracked, settings back to their defaults, and its connection was given back
            // to the lender at the reset and lent again.
            Assert.Empty(second.ChangeTracker.Entries());
            Assert.True(second.ChangeTracker.AutoDetectChangesEnabled);
            Assert.Equal(1, await second.Groups.CountAsync(g => g.Id == group.Id));
            Assert.Same(connection, second.Database.GetDbConnection());
        }
    }

    [Fact]
    public async Task The_same_query_in_later_requests_runs_on_the_statement_prepared_the_first_time()
    {
        using var app = new PeerCircleAppFactory();
        var group = await app.CreateGroupAsync();
        var marker = "lender-" + Guid.NewGuid().ToString("N");
        var connections = new HashSet<SqliteConnection>(ReferenceEqualityComparer.Instance);

        // Five requests one after another, each with a new context from the app's own registration, as a
        // page gets it; other parameters each time, and each answered right.
        for (var i = 0; i < 5; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            connections.Add(connection);
            var name = i % 2 == 0 ? group.Name : marker;
            Assert.Equal(i % 2 == 0 ? 1 : 0, await db.Groups.CountAsync(g => g.Name == name && g.Id == group.Id));
        }

        // Before: every new context registered EF Core's SQL functions on the connection again, which
        // makes SQLite expire every statement prepared on it, so each request parsed its queries afresh.
        var statements = connections.SelectMany(SqliteStatements.Of)
            .Where(s => s.Sql.Contains("\"Groups\"", StringComparison.Ordinal) && s.Sql.Contains("count(*)", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Single(connections);
        var statement = Assert.Single(statements);
        Assert.Equal(5, statement.Runs);
        Assert.Equal(0, statement.Reprepares);
        Assert.False(statement.Busy);
    }

    [Fact]
    public async Task A_query_with_a_page_size_and_a_name_pattern_is_planned_once_and_gets_its_own_rows_each_time()
    {
        using var app = new PeerCircleAppFactory();
        var prefix = "paged-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await app.CreateGroupAsync(name: $"{prefix} {i}");
        }

        var connections = new HashSet<SqliteConnection>(ReferenceEqualityComparer.Instance);
        foreach (var take in new[] { 1, 2, 1, 2, 5, 1 })
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            connections.Add((SqliteConnection)db.Database.GetDbConnection());
            var names = await db.Groups.Where(g => g.Name.StartsWith(prefix)).OrderBy(g => g.Name).Select(g => g.Name).Take(take).ToListAsync();
            Assert.Equal(Enumerable.Range(0, Math.Min(take, 3)).Select(i => $"{prefix} {i}"), names);
        }

        // EF Core sends Take(n) as a parameter, and the name filter as a LIKE pattern parameter. SQLite plans
        // around the values bound to both unless told not to (its query planner stability guarantee), and
        // then marks the statement to be parsed and planned again each time they are bound.
        var statements = connections.SelectMany(SqliteStatements.Of).Where(s => s.Sql.Contains("\"Groups\"", StringComparison.Ordinal) && s.Sql.Contains("ORDER BY \"g\".\"Name\"", StringComparison.Ordinal)).ToList();
        Assert.Single(connections);
        var statement = Assert.Single(statements);
        Assert.Contains("LIKE @", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT @", statement.Sql, StringComparison.Ordinal);
        Assert.Equal(6, statement.Runs);
        Assert.Equal(0, statement.Reprepares);
    }

    [Fact]
    public async Task Requests_reuse_open_connections_set_up_once_and_share_one_EF_Core_service_provider()
    {
        using var app = new PeerCircleAppFactory();
        var (client, _) = await app.SignedInClientAsync();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync(new Uri("/Groups", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var connections = new HashSet<SqliteConnection>(ReferenceEqualityComparer.Instance);
        var providers = new HashSet<IModelSource>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 25; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            Assert.Equal(0, await db.Groups.CountAsync(g => g.Name == "no such group"));
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            connections.Add(connection);
            providers.Add(db.GetService<IModelSource>());
            Assert.Equal(1L, Scalar(connection, "PRAGMA secure_delete"));
            Assert.Equal(30000L, Scalar(connection, "PRAGMA busy_timeout"));
            Assert.Equal(1L, Scalar(connection, "PRAGMA foreign_keys"));
        }

        // One scope at a time: the same open connection each time, and one internal service provider.
        Assert.Single(connections);
        Assert.Single(providers);
        Assert.Equal(ConnectionState.Open, connections.Single().State);
    }

    [Fact]
    public async Task A_connection_left_inside_a_transaction_is_closed_not_lent_again()
    {
        using var app = new PeerCircleAppFactory();
        await app.CreateGroupAsync();
        SqliteConnection left;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            await db.Database.OpenConnectionAsync();
            left = (SqliteConnection)db.Database.GetDbConnection();
            // Behind EF Core's back, so EF Core has no transaction of its own to roll back.
            Scalar(left, "BEGIN; SELECT 1;");
            Assert.Equal(0, raw.sqlite3_get_autocommit(left.Handle!));
        }

        Assert.Equal(ConnectionState.Closed, left.State);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            Assert.Equal(1, await db.Groups.CountAsync());
            Assert.NotSame(left, db.Database.GetDbConnection());
        }
    }

    [Fact]
    public async Task No_more_than_MaxIdle_connections_wait_and_the_rest_are_closed()
    {
        using var app = new PeerCircleAppFactory();
        await app.CreateGroupAsync();
        var lender = app.Services.GetRequiredService<SqliteConnectionLender>();
        var scopes = Enumerable.Range(0, SqliteConnectionLender.MaxIdle + 5).Select(_ => app.Services.CreateAsyncScope()).ToList();
        var lent = new List<SqliteConnection>();
        foreach (var scope in scopes)
        {
            // All at once: no two scopes share a connection.
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            Assert.Equal(1, await db.Groups.CountAsync());
            lent.Add((SqliteConnection)db.Database.GetDbConnection());
        }

        Assert.Equal(lent.Count, lent.Distinct(ReferenceEqualityComparer.Instance).Count());
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        Assert.Equal(SqliteConnectionLender.MaxIdle, lender.Idle);
        Assert.Equal(SqliteConnectionLender.MaxIdle, lent.Count(c => c.State == ConnectionState.Open));

        lender.Clear();
        Assert.Equal(0, lender.Idle);
        Assert.All(lent, c => Assert.Equal(ConnectionState.Closed, c.State));
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
