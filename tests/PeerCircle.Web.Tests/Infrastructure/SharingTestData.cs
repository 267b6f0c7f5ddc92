using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>A group with a facilitator and two members, each signed in in their own client, and board helpers.</summary>
public static class SharingTestData
{
    public static string Board(Guid groupId) => $"/Groups/Board/{groupId}";

    public static string NewThread(Guid groupId) => $"/Groups/Board/New/{groupId}";

    public static string Thread(Guid threadId) => $"/Groups/Board/Thread/{threadId}";

    /// <summary>The page for reporting one post of a conversation, as the conversation's page <paramref name="page"/> links to it.</summary>
    public static string ReportPost(Guid threadId, Guid shareId, int page = 1) => $"/Groups/Board/ReportPost/{threadId}?p={page}&shareId={shareId}";

    public static string Reports(Guid groupId) => $"/Groups/Board/Reports/{groupId}";

    public static async Task<BoardPeople> CreateBoardGroupAsync(this PeerCircleAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var (facilitatorClient, facilitator) = await app.SignedInClientAsync(Roles.Facilitator);
        var group = await app.CreateGroupAsync(facilitators: facilitator.Id);
        var (aliceClient, alice) = await app.SignedInClientAsync();
        var (bobClient, bob) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, alice.Id, bob.Id);
        return new BoardPeople(group, new Person(facilitatorClient, facilitator), new Person(aliceClient, alice), new Person(bobClient, bob));
    }

    /// <summary>Turns on the person's choice of notification emails (the profile's checkbox), directly in the database.</summary>
    public static Task ChooseNotificationEmailsAsync(this PeerCircleAppFactory app, Guid userId) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.EmailNotifications = true;
            await db.SaveChangesAsync();
        });

    /// <summary>Starts a conversation through the real form; returns the new thread's id.</summary>
    public static async Task<Guid> StartThreadAsync(this HttpClient client, Guid groupId, string title, string text,
        ShareAudience audience = ShareAudience.Group, ShareByline byline = ShareByline.Pseudonym, bool asPrompt = false)
    {
        LogCanary.Shared(title);
        LogCanary.Shared(text);
        var response = await client.SubmitFormAsync(NewThread(groupId),
        [
            new("Input.Title", title), new("Input.Text", text), new("Input.Audience", audience.ToString()),
            new("Input.Byline", byline.ToString()), new("Input.AsPrompt", asPrompt ? "true" : "false"),
        ]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Posting a thread answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> ReplyAsync(this HttpClient client, Guid threadId, string text,
        ShareAudience audience = ShareAudience.Group, ShareByline byline = ShareByline.Pseudonym)
    {
        LogCanary.Shared(text);
        return await client.SubmitFormAsync(Thread(threadId),
            [new("Reply.Text", text), new("Reply.Audience", audience.ToString()), new("Reply.Byline", byline.ToString())],
            $"{Thread(threadId)}?handler=Reply");
    }

    /// <summary>Reports a post of a conversation to the group's facilitators (the report page's form, with the token of the conversation's page).</summary>
    public static Task<HttpResponseMessage> ReportPostAsync(this HttpClient client, Guid threadId, Guid shareId, string reason) =>
        client.SubmitFormAsync(Thread(threadId), [new("reason", reason)], ReportPost(threadId, shareId));

    /// <summary>Posts one of the thread page's actions (Withdraw, Hide, Unhide, Pin, Unpin).</summary>
    public static Task<HttpResponseMessage> ThreadActionAsync(this HttpClient client, Guid threadId, string handler, Guid? shareId = null, string? reason = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (shareId is { } id)
        {
            fields.Add(new("shareId", id.ToString()));
        }

        if (reason is not null)
        {
            fields.Add(new("reason", reason));
        }

        return client.SubmitFormAsync(Thread(threadId), fields, $"{Thread(threadId)}?handler={handler}");
    }

    /// <summary>Checkpoints the write-ahead log into the SQLite file, then looks for the text's bytes in the file and what is left of the log.</summary>
    public static async Task<bool> DatabaseFileContainsAsync(this PeerCircleAppFactory app, string text)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The log copied into the file and emptied first. Not while the app's checkpointer runs one (SqliteCheckpointer):
        // SQLite answers busy then, and the log keeps the old pages.
        for (var attempt = 0; attempt < 100 && !await app.WithDbAsync(TruncateLogAsync); attempt++)
        {
            await Task.Delay(20);
        }

        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in new[] { app.DatabaseFile, app.DatabaseFile + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            if (memory.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> TruncateLogAsync(PeerCircleDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() && reader.GetInt64(0) == 0;
    }

    public static Task<Share> ShareAsync(this PeerCircleAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Shares.AsNoTracking().SingleAsync(s => s.Id == id));

    public static Task<List<Share>> RepliesAsync(this PeerCircleAppFactory app, Guid threadId) =>
        app.WithDbAsync(db => db.Shares.AsNoTracking().Where(s => s.ThreadId == threadId).OrderBy(s => s.CreatedUtc).ToListAsync());

    public static Task<List<AuditEntry>> AuditAsync(this PeerCircleAppFactory app, Guid recordId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == recordId).OrderBy(a => a.AtUtc).ToListAsync());
}

public sealed record Person(HttpClient Client, TestUser User)
{
    public Guid Id => User.Id;

    public string Pseudonym => User.Pseudonym;

    public Task<string> GetAsync(string url) => Client.GetStringAsync(new Uri(url, UriKind.Relative));

    public async Task<HttpStatusCode> StatusAsync(string url) => (await Client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode;
}

public sealed record BoardPeople(Group Group, Person Facilitator, Person Alice, Person Bob);
