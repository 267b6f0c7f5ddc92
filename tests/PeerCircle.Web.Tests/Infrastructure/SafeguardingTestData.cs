using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Notifications;
using PeerCircle.Domain.Safeguarding;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>Risky posts, concerns and notifications for the safeguarding tests.</summary>
public static class SafeguardingTestData
{
    public static string LeadConcern(Guid id) => $"/Safeguarding/Concern/{id}";

    public static string Draft(Guid id) => $"/Facilitate/Concerns/Draft/{id}";

    /// <summary>Posts a conversation through the real form and returns the response (a redirect: to the thread, or to the caring page).</summary>
    public static Task<HttpResponseMessage> PostThreadAsync(this HttpClient client, Guid groupId, string title, string text)
    {
        LogCanary.Shared(text);
        return client.SubmitFormAsync(SharingTestData.NewThread(groupId),
        [
            new("Input.Title", title), new("Input.Text", text), new("Input.Audience", "Group"),
            new("Input.Byline", "Pseudonym"), new("Input.AsPrompt", "false"),
        ]);
    }

    /// <summary>Posts a risky conversation; asserts the author is sent to the caring page; returns the new share's id.</summary>
    public static async Task<Guid> PostRiskyThreadAsync(this PeerCircleAppFactory app, Person author, Guid groupId, string text = "Honestly some nights I want to k1ll mys3lf.")
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(author);
        var response = await author.Client.PostThreadAsync(groupId, "A hard week", text);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Help/Support", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return await app.WithDbAsync(db => db.Shares.Where(s => s.AuthorId == author.Id && s.GroupId == groupId)
            .OrderByDescending(s => s.CreatedUtc).Select(s => s.Id).FirstAsync());
    }

    public static Task<Concern?> ConcernAboutAsync(this PeerCircleAppFactory app, Guid shareId) =>
        app.WithDbAsync(db => db.Concerns.AsNoTracking().Include(c => c.Snapshots).Include(c => c.Escalations).Include(c => c.Notes)
            .Where(c => c.Snapshots.Any(s => s.ShareId == shareId)).SingleOrDefaultAsync());

    public static Task<List<Notification>> NotificationsOfAsync(this PeerCircleAppFactory app, Guid userId) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).ToListAsync());
}
