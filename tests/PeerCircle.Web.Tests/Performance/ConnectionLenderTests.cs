using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// Each request's database context gets an open SQLite connection lent for the request and given back at
/// its end (issue 9): opened and set up once (secure_delete, busy_timeout), never lent to two at once, never
/// lent again inside a transaction or closed, and without a new EF Core service provider per request.
/// </summary>
public sealed class ConnectionLenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("peercircle-lender-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "lender.db")}";

    [Fact]
    public void A_connection_given_back_open_is_lent_again_still_open()
    {
        using var lender = new SqliteConnectionLender(ConnectionString);
        var first = lender.Lend();
        Assert.Equal(System.Data.ConnectionState.Closed, first.State); // the context opens it at its first query
        first.Open();
        lender.GiveBack(first);

        var again = lender.Lend();
        Assert.Same(first, again);
        Assert.Equal(System.Data.ConnectionState.Open, again.State);
        lender.GiveBack(again);
    }

    [Fact]
    public void Two_borrowers_at_once_get_different_connections()
    {
        using var lender = new SqliteConnectionLender(ConnectionString);
        var a = lender.Lend();
        a.Open();
        lender.GiveBack(a);
        a = lender.Lend();
        var b = lender.Lend();
        Assert.NotSame(a, b);
        lender.GiveBack(a);
        lender.GiveBack(b);
    }

    [Fact]
    public void A_connection_given_back_inside_a_transaction_or_closed_is_not_lent_again()
    {
        using var lender = new SqliteConnectionLender(ConnectionString);
        var inTransaction = lender.Lend();
        inTransaction.Open();
        var transaction = inTransaction.BeginTransaction();
        lender.GiveBack(inTransaction);
        Assert.Equal(System.Data.ConnectionState.Closed, inTransaction.State);
        transaction.Dispose();

        var closed = lender.Lend();
        closed.Open();
        closed.Close();
        lender.GiveBack(closed);

        var next = lender.Lend();
        Assert.NotSame(inTransaction, next);
        Assert.NotSame(closed, next);
        lender.GiveBack(next);
    }

    [Fact]
    public void No_more_than_MaxIdle_connections_wait_and_the_rest_are_closed()
    {
        using var lender = new SqliteConnectionLender(ConnectionString);
        var lent = Enumerable.Range(0, SqliteConnectionLender.MaxIdle + 5).Select(_ => lender.Lend()).ToList();
        lent.ForEach(c => c.Open());
        foreach (var connection in lent)
        {
            lender.GiveBack(connection);
        }

        Assert.Equal(SqliteConnectionLender.MaxIdle, lent.Count(c => c.State == System.Data.ConnectionState.Open));
        lender.Clear();
        Assert.All(lent, c => Assert.Equal(System.Data.ConnectionState.Closed, c.State));
    }

    [Fact]
    public async Task Requests_reuse_the_lent_connections_and_share_one_EF_Core_service_provider()
    {
        using var app = new PeerCircleAppFactory();
        var (client, _) = await app.SignedInClientAsync();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync(new Uri("/Groups", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var handles = new HashSet<SqliteConnection>();
        var providers = new HashSet<IModelSource>();
        for (var i = 0; i < 25; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            Assert.Equal(0, await db.Groups.CountAsync(g => g.Name == "no such group"));
            handles.Add((SqliteConnection)db.Database.GetDbConnection());
            providers.Add(db.GetService<IModelSource>());
            var connection = db.Database.GetDbConnection();
            Assert.Equal(1L, Scalar((SqliteConnection)connection, "PRAGMA secure_delete"));
            Assert.Equal(30000L, Scalar((SqliteConnection)connection, "PRAGMA busy_timeout"));
        }

        // One scope at a time: the same open connection each time, and one internal service provider.
        Assert.Single(handles);
        Assert.Single(providers);
        Assert.Equal(System.Data.ConnectionState.Open, handles.Single().State);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
