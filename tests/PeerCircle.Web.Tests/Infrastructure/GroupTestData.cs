using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Pages.Groups;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>Groups, sessions and memberships made directly through the domain and the DbContext.</summary>
public static class GroupTestData
{
    public const string Agreement = "Listen actively. Be kind. What is shared here stays here.";

    /// <summary>A moment well in the future, so sessions can be booked whatever today's date.</summary>
    public static DateTime FutureUtc(int days = 30, int hour = 18) =>
        DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(days).AddHours(hour), DateTimeKind.Utc);

    public static async Task<T> WithDbAsync<T>(this PeerCircleAppFactory app, Func<PeerCircleDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>());
    }

    public static Task WithDbAsync(this PeerCircleAppFactory app, Func<PeerCircleDbContext, Task> action) =>
        app.WithDbAsync(async db =>
        {
            await action(db);
            return true;
        });

    public static Task<Group> CreateGroupAsync(this PeerCircleAppFactory app, string? name = null, bool listed = true,
        JoinPolicy joinPolicy = JoinPolicy.Open, GroupFormat format = GroupFormat.Online, Topic[]? topics = null,
        string timeZoneId = "Europe/London", string agreement = Agreement, string location = "PeerCircle live room",
        int capacity = 12, bool coFacilitation = false, params Guid[] facilitators) =>
        app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var group = new Group(new GroupDetails(
                name ?? $"Group {Guid.NewGuid().ToString("N")[..8]}", "A small group for young workers.", topics ?? [Topic.WorkStress],
                format, location, timeZoneId, capacity, joinPolicy, listed, coFacilitation), agreement, now);
            foreach (var facilitator in facilitators)
            {
                group.AssignFacilitator(facilitator, now);
            }

            db.Groups.Add(group);
            await db.SaveChangesAsync();
            // As the admin's group page does: the group list counts again (ListedGroupCounts).
            app.Services.GetRequiredService<ListedGroupCounts>().Forget();
            return group;
        });

    /// <summary>A session of the group; facilitators are assigned through the domain's training check.</summary>
    public static Task<Session> CreateSessionAsync(this PeerCircleAppFactory app, Guid groupId, DateTime? startUtc = null,
        int capacity = 10, string? topic = null, int durationMinutes = 90, params Guid[] facilitators) =>
        app.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Id == groupId);
            var session = new Session(group, startUtc ?? FutureUtc(), durationMinutes, topic, capacity, DateTime.UtcNow);
            foreach (var facilitator in facilitators)
            {
                var training = await db.TrainingRecords.Where(t => t.UserId == facilitator).ToListAsync();
                session.AssignFacilitator(group, facilitator, training, DateTime.UtcNow);
            }

            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return session;
        });

    /// <summary>An active member who accepted the current agreement (approved at once in a by-request group).</summary>
    public static Task AddMemberAsync(this PeerCircleAppFactory app, Guid groupId, params Guid[] userIds) =>
        app.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Id == groupId);
            var now = DateTime.UtcNow;
            foreach (var userId in userIds)
            {
                var membership = Membership.Join(group, userId, group.CurrentAgreementVersion, now);
                if (membership.Status == MembershipStatus.Pending)
                {
                    membership.Approve(Guid.NewGuid(), now);
                }

                db.Memberships.Add(membership);
            }

            await db.SaveChangesAsync();
        });

    /// <summary>Books through the domain, as the booking service would (going, or waitlisted when full).</summary>
    public static Task<BookingStatus> ReserveAsync(this PeerCircleAppFactory app, Guid sessionId, params Guid[] userIds) =>
        app.WithDbAsync(async db =>
        {
            var status = BookingStatus.Cancelled;
            var session = await db.Sessions.Include(s => s.Bookings).SingleAsync(s => s.Id == sessionId);
            var group = await db.Groups.SingleAsync(g => g.Id == session.GroupId);
            foreach (var userId in userIds)
            {
                var membership = await db.Memberships.SingleAsync(m => m.GroupId == group.Id && m.UserId == userId);
                status = session.Reserve(group, membership, DateTime.UtcNow).Status;
                await Task.Delay(5); // distinct booking times: the waitlist is served in booking order
            }

            await db.SaveChangesAsync();
            return status;
        });

    public static Task PublishAgreementAsync(this PeerCircleAppFactory app, Guid groupId, string text) =>
        app.WithDbAsync(async db =>
        {
            var group = await db.Groups.Include(g => g.Agreements).SingleAsync(g => g.Id == groupId);
            group.PublishAgreement(text, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

    public static Task<Membership?> MembershipAsync(this PeerCircleAppFactory app, Guid groupId, Guid userId) =>
        app.WithDbAsync(db => db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId));

    public static Task<Session> SessionAsync(this PeerCircleAppFactory app, Guid sessionId) =>
        app.WithDbAsync(db => db.Sessions.AsNoTracking().Include(s => s.Bookings).Include(s => s.Facilitators).AsSplitQuery().SingleAsync(s => s.Id == sessionId));

    public static Task SetProfileAsync(this PeerCircleAppFactory app, Guid userId, string? timeZoneId = null, bool? discreet = null) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.TimeZoneId = timeZoneId ?? user.TimeZoneId;
            user.DiscreetMode = discreet ?? user.DiscreetMode;
            await db.SaveChangesAsync();
        });
}
