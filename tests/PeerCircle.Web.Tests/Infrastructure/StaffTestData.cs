using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// Groups, sessions, memberships and training made straight through the domain and the real
/// database, for the admin and facilitator page tests.
/// </summary>
public static class StaffTestData
{
    public const string Agreement = GroupTestData.Agreement;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static GroupDetails Details(string? name = null, bool coFacilitation = false, JoinPolicy joinPolicy = JoinPolicy.Open,
        string timeZone = "Europe/London", int capacity = 8) =>
        new(name ?? $"Circle {Guid.NewGuid().ToString("N")[..8]}", "A calm space to talk about work.", [Topic.WorkStress, Topic.Burnout],
            GroupFormat.Online, "PeerCircle live room", timeZone, capacity, joinPolicy, Listed: true, coFacilitation);

    public static Task<TrainingRecord> AddTrainingAsync(this PeerCircleAppFactory app, Guid userId, DateOnly completed, DateOnly expires, bool verified = true) =>
        app.WithDbAsync(async db =>
        {
            var record = new TrainingRecord(userId, "Peer support facilitation", "Mind Training", completed, expires, DateTime.UtcNow);
            if (verified)
            {
                record.Verify(Guid.NewGuid(), DateTime.UtcNow);
            }

            db.TrainingRecords.Add(record);
            await db.SaveChangesAsync();
            return record;
        });

    /// <summary>Verified training valid from a year ago to a year ahead.</summary>
    public static Task<TrainingRecord> AddValidTrainingAsync(this PeerCircleAppFactory app, Guid userId) =>
        app.AddTrainingAsync(userId, Today.AddYears(-1), Today.AddYears(1));

    /// <summary>Joins (open group: active) or asks to join (by request: pending).</summary>
    public static Task<Membership> JoinAsync(this PeerCircleAppFactory app, Guid groupId, Guid userId) =>
        app.WithDbAsync(async db =>
        {
            var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == groupId);
            var membership = Membership.Join(group, userId, group.CurrentAgreementVersion, DateTime.UtcNow);
            db.Memberships.Add(membership);
            await db.SaveChangesAsync();
            return membership;
        });

    /// <summary>Joins the session's (open) group and books a seat.</summary>
    public static Task<BookingStatus> BookAsync(this PeerCircleAppFactory app, Guid sessionId, Guid userId) =>
        app.WithDbAsync(async db =>
        {
            var session = await db.Sessions.Include(s => s.Bookings).SingleAsync(s => s.Id == sessionId);
            var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == session.GroupId);
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == userId);
            if (membership is null)
            {
                membership = Membership.Join(group, userId, group.CurrentAgreementVersion, DateTime.UtcNow);
                db.Memberships.Add(membership);
            }

            var booking = session.Reserve(group, membership, DateTime.UtcNow);
            await db.SaveChangesAsync();
            return booking.Status;
        });

    /// <summary>The page as a person reads it: HTML entities decoded.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> PageTextAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} returned {(int)response.StatusCode}");
        return await response.TextAsync();
    }

    /// <summary>The emails sent to this address, parsed.</summary>
    public static IReadOnlyList<MimeMessage> MailTo(this PeerCircleAppFactory app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ReadMail()
            .Select(raw => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>Asserts a redirect to the page (path only, any query).</summary>
    public static void AssertRedirectTo(this HttpResponseMessage response, string path)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect to {path}, got {(int)response.StatusCode}");
        var uri = response.Headers.Location;
        var location = uri?.OriginalString ?? string.Empty;
        var locationPath = uri is { IsAbsoluteUri: true } ? uri.AbsolutePath : location.Split('?')[0];
        Assert.True(string.Equals(locationPath, path, StringComparison.OrdinalIgnoreCase), $"Expected a redirect to {path}, got {location}");
    }
}
