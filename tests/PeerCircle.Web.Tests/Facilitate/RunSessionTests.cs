using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Facilitate;

public sealed class RunSessionTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static string Url(Guid sessionId) => $"/Facilitate/Sessions/Run/{sessionId}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid sessionId, string handler, IEnumerable<KeyValuePair<string, string>>? fields = null) =>
        client.SubmitFormAsync(Url(sessionId), fields ?? [], $"{Url(sessionId)}?handler={handler}");

    /// <summary>A signed-in facilitator with valid training, assigned to a session that starts in five minutes.</summary>
    private async Task<(HttpClient Client, TestUser Me, Guid SessionId)> SoonAsync(bool coFacilitation = false)
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(me.Id);
        var group = await app.CreateGroupAsync(coFacilitation: coFacilitation, facilitators: [me.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddMinutes(5), facilitators: me.Id);
        return (client, me, session.Id);
    }

    private Task<SessionStatus> StatusAsync(Guid sessionId) => app.WithDbAsync(db => db.Sessions.Where(s => s.Id == sessionId).Select(s => s.Status).SingleAsync());

    /// <summary>Replaces the facilitator's training after they were assigned (it lapsed, or was never verified).</summary>
    private Task ReplaceTrainingAsync(Guid userId, DateOnly completed, DateOnly expires, bool verified) =>
        app.WithDbAsync(async db =>
        {
            db.TrainingRecords.RemoveRange(db.TrainingRecords.Where(t => t.UserId == userId));
            var record = new Domain.Facilitation.TrainingRecord(userId, "Peer support facilitation", "Mind Training", completed, expires, DateTime.UtcNow);
            if (verified)
            {
                record.Verify(Guid.NewGuid(), DateTime.UtcNow);
            }

            db.TrainingRecords.Add(record);
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task An_assigned_facilitator_starts_and_ends_a_session()
    {
        var (client, _, sessionId) = await SoonAsync();

        (await PostAsync(client, sessionId, "Start")).AssertRedirectTo(Url(sessionId));
        Assert.Equal(SessionStatus.Live, await StatusAsync(sessionId));
        Assert.Contains("The session is live and its room is open.", await client.PageTextAsync(Url(sessionId)), StringComparison.Ordinal);

        (await PostAsync(client, sessionId, "End")).AssertRedirectTo(Url(sessionId));
        Assert.Equal(SessionStatus.Ended, await StatusAsync(sessionId));
    }

    [Theory]
    [InlineData(false, -400, 400)]
    [InlineData(true, -400, -1)]
    public async Task A_facilitator_whose_training_is_unverified_or_expired_cannot_start(bool verified, int completedDaysAgo, int expiresInDays)
    {
        var (client, me, sessionId) = await SoonAsync();
        await ReplaceTrainingAsync(me.Id, StaffTestData.Today.AddDays(completedDaysAgo), StaffTestData.Today.AddDays(expiresInDays), verified);

        var response = await PostAsync(client, sessionId, "Start");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your verified training is not valid today, so you can't start this session.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Scheduled, await StatusAsync(sessionId));
    }

    [Fact]
    public async Task A_co_facilitated_session_with_one_facilitator_cannot_start()
    {
        var (client, _, sessionId) = await SoonAsync(coFacilitation: true);

        var response = await PostAsync(client, sessionId, "Start");

        Assert.Contains("This group needs two facilitators with valid training for each session. Assign a co-facilitator first.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Scheduled, await StatusAsync(sessionId));
    }

    [Fact]
    public async Task A_co_facilitated_session_with_two_trained_facilitators_starts()
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);
        var partner = await app.CreateUserAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(me.Id);
        await app.AddValidTrainingAsync(partner.Id);
        var group = await app.CreateGroupAsync(coFacilitation: true, facilitators: [me.Id, partner.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddMinutes(5), facilitators: [me.Id, partner.Id]);

        (await PostAsync(client, session.Id, "Start")).AssertRedirectTo(Url(session.Id));

        Assert.Equal(SessionStatus.Live, await StatusAsync(session.Id));
    }

    [Fact]
    public async Task A_session_cannot_be_started_more_than_15_minutes_early()
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(me.Id);
        var group = await app.CreateGroupAsync(facilitators: [me.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddDays(2), facilitators: me.Id);

        var response = await PostAsync(client, session.Id, "Start");

        Assert.Contains("This session can be started from 15 minutes before its start time.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Scheduled, await StatusAsync(session.Id));
    }

    [Fact]
    public async Task A_scheduled_session_cannot_be_ended_and_attendance_waits_for_the_end()
    {
        var (client, me, sessionId) = await SoonAsync();
        var member = await app.CreateUserAsync();
        await app.BookAsync(sessionId, member.Id);

        var end = await PostAsync(client, sessionId, "End");
        var attendance = await PostAsync(client, sessionId, "Attendance",
            [new("Input.Attendance[0].UserId", member.Id.ToString()), new("Input.Attendance[0].Attendance", "Attended")]);

        Assert.Contains("Only a live session can be ended.", await end.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Attendance is recorded once the session has ended.", await attendance.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Scheduled, await StatusAsync(sessionId));
    }

    [Fact]
    public async Task After_the_session_attendance_is_recorded_for_the_people_who_had_a_seat()
    {
        var (client, _, sessionId) = await SoonAsync();
        var came = await app.CreateUserAsync();
        var missed = await app.CreateUserAsync();
        await app.BookAsync(sessionId, came.Id);
        await app.BookAsync(sessionId, missed.Id);
        (await PostAsync(client, sessionId, "Start")).AssertRedirectTo(Url(sessionId));
        (await PostAsync(client, sessionId, "End")).AssertRedirectTo(Url(sessionId));
        var page = await client.PageTextAsync(Url(sessionId));
        Assert.Contains($"<legend class=\"fs-6 fw-semibold mb-1\">{came.Pseudonym}</legend>", page, StringComparison.Ordinal);
        // Nobody came into the online room, so ending recorded both as not coming; the facilitator corrects it.
        Assert.All((await app.SessionAsync(sessionId)).Bookings, b => Assert.Equal(Attendance.NoShow, b.Attendance));

        var response = await PostAsync(client, sessionId, "Attendance",
        [
            new("Input.Attendance[0].UserId", came.Id.ToString()), new("Input.Attendance[0].Attendance", "Attended"),
            new("Input.Attendance[1].UserId", missed.Id.ToString()), new("Input.Attendance[1].Attendance", "NoShow"),
        ]);

        response.AssertRedirectTo(Url(sessionId));
        var session = await app.SessionAsync(sessionId);
        Assert.Equal(Attendance.Attended, session.Bookings.Single(b => b.UserId == came.Id).Attendance);
        Assert.Equal(Attendance.NoShow, session.Bookings.Single(b => b.UserId == missed.Id).Attendance);
        Assert.Contains("Attendance is saved for 2 people.", await client.PageTextAsync(Url(sessionId)), StringComparison.Ordinal);
        Assert.DoesNotContain("Attendance to record", await client.PageTextAsync("/Facilitate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attendance_for_someone_without_a_seat_is_refused_and_nothing_is_saved()
    {
        var (client, _, sessionId) = await SoonAsync();
        var came = await app.CreateUserAsync();
        var stranger = await app.CreateUserAsync();
        await app.BookAsync(sessionId, came.Id);
        (await PostAsync(client, sessionId, "Start")).AssertRedirectTo(Url(sessionId));
        (await PostAsync(client, sessionId, "End")).AssertRedirectTo(Url(sessionId));

        var response = await PostAsync(client, sessionId, "Attendance",
        [
            new("Input.Attendance[0].UserId", came.Id.ToString()), new("Input.Attendance[0].Attendance", "Attended"),
            new("Input.Attendance[1].UserId", stranger.Id.ToString()), new("Input.Attendance[1].Attendance", "NoShow"),
        ]);
        var forgedValue = await PostAsync(client, sessionId, "Attendance",
            [new("Input.Attendance[0].UserId", came.Id.ToString()), new("Input.Attendance[0].Attendance", "Maybe")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That person did not have a seat in this session.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forgedValue.StatusCode);
        Assert.Contains("is not valid", await forgedValue.TextAsync(), StringComparison.Ordinal);
        // Still what ending the session recorded (nobody entered the room): neither request changed it.
        Assert.Equal(Attendance.NoShow, (await app.SessionAsync(sessionId)).Bookings.Single().Attendance);
    }

    [Fact]
    public async Task A_facilitator_not_assigned_to_the_session_cannot_start_end_or_record_it()
    {
        // Another group's session, run by someone else.
        var (ownerClient, _, sessionId) = await SoonAsync();
        var member = await app.CreateUserAsync();
        await app.BookAsync(sessionId, member.Id);
        var (mine, _, mySessionId) = await SoonAsync();
        var myPage = Url(mySessionId);

        async Task AssertNotFound(string handler, IEnumerable<KeyValuePair<string, string>>? fields = null)
        {
            var response = await mine.SubmitFormAsync(myPage, fields ?? [], $"{Url(sessionId)}?handler={handler}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler} answered {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync(new Uri(Url(sessionId), UriKind.Relative))).StatusCode);
        await AssertNotFound("Start");
        Assert.Equal(SessionStatus.Scheduled, await StatusAsync(sessionId));
        (await PostAsync(ownerClient, sessionId, "Start")).AssertRedirectTo(Url(sessionId));
        await AssertNotFound("End");
        Assert.Equal(SessionStatus.Live, await StatusAsync(sessionId));
        (await PostAsync(ownerClient, sessionId, "End")).AssertRedirectTo(Url(sessionId));
        await AssertNotFound("Attendance", [new("Input.Attendance[0].UserId", member.Id.ToString()), new("Input.Attendance[0].Attendance", "Attended")]);
        Assert.Equal(Attendance.NoShow, (await app.SessionAsync(sessionId)).Bookings.Single().Attendance);
    }

    [Fact]
    public async Task A_cancelled_session_cannot_be_started()
    {
        var (client, _, sessionId) = await SoonAsync();
        await app.WithDbAsync(async db =>
        {
            var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
            session.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var response = await PostAsync(client, sessionId, "Start");

        Assert.Contains("This session was cancelled, so it can't be started.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Cancelled, await StatusAsync(sessionId));
    }
}
