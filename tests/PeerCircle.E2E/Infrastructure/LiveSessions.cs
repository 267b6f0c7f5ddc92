using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Rooms;

namespace PeerCircle.E2E.Infrastructure;

/// <summary>An online group and one of its sessions, arranged straight through the domain (the admin pages have their own tests).</summary>
public sealed record LiveSessionSetup(Guid GroupId, Guid SessionId, string GroupName)
{
    public string RoomPath => $"/Sessions/Room/{SessionId}";

    public string RunPath => $"/Facilitate/Sessions/Run/{SessionId}";
}

public static class LiveSessions
{
    public const string Agreement = "Listen without fixing. Be kind. What is said here stays here.";

    /// <summary>
    /// An online group with <paramref name="facilitatorEmail"/> as its facilitator and the members
    /// joined; a session starting in <paramref name="startsIn"/> with the facilitator assigned and
    /// every member booked (going).
    /// </summary>
    public static async Task<LiveSessionSetup> ScheduleOnlineSessionAsync(
        this AppFixture app, string facilitatorEmail, IReadOnlyList<string> memberEmails, TimeSpan startsIn)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(memberEmails);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var facilitatorId = await UserIdAsync(scope.ServiceProvider, facilitatorEmail);
        var now = DateTime.UtcNow;
        var name = $"Night shift circle {Guid.NewGuid().ToString("N")[..6]}";
        var group = new Group(new GroupDetails(name, "For people whose work keeps them up at night.", [Topic.WorkStress], GroupFormat.Online,
            "PeerCircle live room", "Europe/London", 10, JoinPolicy.Open, true, false), Agreement, now);
        group.AssignFacilitator(facilitatorId, now);
        db.Groups.Add(group);

        var session = new Session(group, now + startsIn, 60, "Sleep and shifts", 10, now);
        var training = await db.TrainingRecords.Where(t => t.UserId == facilitatorId).ToListAsync();
        session.AssignFacilitator(group, facilitatorId, training, now);
        foreach (var email in memberEmails)
        {
            var membership = Membership.Join(group, await UserIdAsync(scope.ServiceProvider, email), group.CurrentAgreementVersion, now);
            db.Memberships.Add(membership);
            session.Reserve(group, membership, now);
        }

        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return new LiveSessionSetup(group.Id, session.Id, name);
    }

    /// <summary>Starts the session (opens its room) as the facilitator would on the Run page.</summary>
    public static async Task StartSessionAsync(this AppFixture app, LiveSessionSetup setup, string facilitatorEmail)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(setup);
        await using var scope = app.Services.CreateAsyncScope();
        var rooms = scope.ServiceProvider.GetRequiredService<RoomService>();
        await rooms.StartAsync(setup.SessionId, await UserIdAsync(scope.ServiceProvider, facilitatorEmail));
    }

    /// <summary>What the session's bookings say about who came, by booking holder.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Attendance>> AttendanceAsync(this AppFixture app, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        return await db.Bookings.AsNoTracking().Where(b => b.SessionId == sessionId).ToDictionaryAsync(b => b.UserId, b => b.Attendance);
    }

    public static async Task<Guid> UserIdAsync(this AppFixture app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        return await UserIdAsync(scope.ServiceProvider, email);
    }

    private static async Task<Guid> UserIdAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        return user.Id;
    }
}
