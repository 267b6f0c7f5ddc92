using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Tests.Groups;
using PeerCircle.Domain.Time;

namespace PeerCircle.Domain.Tests.Sessions;

public sealed class SessionSeriesTests
{
    private static readonly DateTime s_now = new(2027, 9, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeOnly s_sixPm = new(18, 0);

    private static (Group Group, SessionSeries Series, IReadOnlyList<Session> Sessions) Create(
        RecurrenceFrequency frequency, DateOnly firstDate, int occurrences, string timeZone = "Europe/London")
    {
        var group = GroupBuilder.Group(timeZone: timeZone);
        var series = new SessionSeries(group, frequency, firstDate, s_sixPm, 90, "Check-in", 8, occurrences, s_now);
        return (group, series, series.CreateSessions(group, s_now));
    }

    private static List<DateTime> Local(IEnumerable<Session> sessions, string zone = "Europe/London") =>
        sessions.Select(s => Zones.ToLocal(s.StartUtc, zone)).ToList();

    [Fact]
    public void A_weekly_series_at_six_pm_in_London_stays_at_six_pm_across_the_October_clock_change()
    {
        // Clocks go back on Sunday 31 October 2027.
        var (_, series, sessions) = Create(RecurrenceFrequency.Weekly, new DateOnly(2027, 10, 21), 3);

        Assert.Equal("FREQ=WEEKLY;INTERVAL=1;COUNT=3", series.RecurrenceRule);
        Assert.Equal(
            [new DateTime(2027, 10, 21, 18, 0, 0), new DateTime(2027, 10, 28, 18, 0, 0), new DateTime(2027, 11, 4, 18, 0, 0)],
            Local(sessions));
        Assert.Equal(
            [new DateTime(2027, 10, 21, 17, 0, 0, DateTimeKind.Utc), new DateTime(2027, 10, 28, 17, 0, 0, DateTimeKind.Utc), new DateTime(2027, 11, 4, 18, 0, 0, DateTimeKind.Utc)],
            sessions.Select(s => s.StartUtc));
        Assert.All(sessions, s => Assert.Equal(series.Id, s.SeriesId));
        Assert.All(sessions, s => Assert.Equal(90, s.DurationMinutes));
    }

    [Fact]
    public void A_fortnightly_series_skips_a_week_and_keeps_its_local_time()
    {
        var (_, _, sessions) = Create(RecurrenceFrequency.Fortnightly, new DateOnly(2027, 10, 14), 3);

        Assert.Equal(
            [new DateTime(2027, 10, 14, 18, 0, 0), new DateTime(2027, 10, 28, 18, 0, 0), new DateTime(2027, 11, 11, 18, 0, 0)],
            Local(sessions));
        Assert.Equal(18, sessions[2].StartUtc.Hour);
        Assert.Equal(17, sessions[0].StartUtc.Hour);
    }

    [Fact]
    public void A_monthly_series_keeps_its_day_of_the_month_and_local_time()
    {
        var (_, _, sessions) = Create(RecurrenceFrequency.Monthly, new DateOnly(2027, 9, 15), 3);

        Assert.Equal(
            [new DateTime(2027, 9, 15, 18, 0, 0), new DateTime(2027, 10, 15, 18, 0, 0), new DateTime(2027, 11, 15, 18, 0, 0)],
            Local(sessions));
    }

    [Fact]
    public void A_weekly_series_in_New_York_stays_at_six_pm_across_its_own_clock_change()
    {
        // New York falls back on 7 November 2027, a week after London.
        var (_, _, sessions) = Create(RecurrenceFrequency.Weekly, new DateOnly(2027, 11, 1), 2, "America/New_York");

        Assert.Equal([new DateTime(2027, 11, 1, 18, 0, 0), new DateTime(2027, 11, 8, 18, 0, 0)], Local(sessions, "America/New_York"));
        Assert.Equal([22, 23], sessions.Select(s => s.StartUtc.Hour));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(53)]
    public void A_series_has_between_2_and_52_sessions(int occurrences)
    {
        var group = GroupBuilder.Group();

        var error = Assert.Throws<DomainException>(() => new SessionSeries(group, RecurrenceFrequency.Weekly, new DateOnly(2027, 10, 1), s_sixPm, 90, null, 8, occurrences, s_now));

        Assert.Equal("A series has between 2 and 52 sessions.", error.Message);
    }

    [Fact]
    public void A_series_that_starts_in_the_past_is_refused()
    {
        var group = GroupBuilder.Group();
        var series = new SessionSeries(group, RecurrenceFrequency.Weekly, new DateOnly(2027, 8, 1), s_sixPm, 90, null, 8, 4, s_now);

        Assert.Equal("The first session of a series must be in the future.", Assert.Throws<DomainException>(() => series.CreateSessions(group, s_now)).Message);
    }

    [Fact]
    public void Rescheduling_all_future_sessions_moves_the_time_and_skips_past_and_individually_edited_ones()
    {
        var (group, series, sessions) = Create(RecurrenceFrequency.Weekly, new DateOnly(2027, 10, 21), 4);
        var edited = sessions[2];
        edited.Reschedule(edited.StartUtc.AddHours(-1), 60, "Special", 8, s_now);
        edited.DetachFromSeries();
        var afterTheFirst = sessions[0].StartUtc.AddHours(3);

        var changed = series.RescheduleFuture(sessions, new TimeOnly(19, 30), 60, "New prompt", 10, afterTheFirst);

        Assert.Equal(2, changed);
        var local = Local(sessions);
        Assert.Equal(new DateTime(2027, 10, 21, 18, 0, 0), local[0]);
        Assert.Equal(new DateTime(2027, 10, 28, 19, 30, 0), local[1]);
        Assert.Equal(new DateTime(2027, 11, 4, 17, 0, 0), local[2]);
        Assert.Equal(new DateTime(2027, 11, 11, 19, 30, 0), local[3]);
        Assert.Equal("Special", edited.Topic);
        Assert.Equal("New prompt", sessions[3].Topic);
        Assert.Equal(10, sessions[3].Capacity);
        Assert.Equal(new TimeOnly(19, 30), series.LocalStartTime);
        Assert.Equal(group.Id, sessions[1].GroupId);
    }

    [Fact]
    public void Cancelling_all_future_sessions_leaves_past_ones_and_returns_who_to_tell()
    {
        var (group, series, sessions) = Create(RecurrenceFrequency.Weekly, new DateOnly(2027, 10, 21), 3);
        var member = Membership.Join(group, Guid.NewGuid(), 1, s_now);
        sessions[2].Reserve(group, member, s_now);
        sessions[1].DetachFromSeries();
        var afterTheFirst = sessions[0].StartUtc.AddHours(3);

        var cancelled = series.CancelFuture(sessions, afterTheFirst);

        Assert.Equal([sessions[1].Id, sessions[2].Id], cancelled.Select(c => c.Session.Id));
        Assert.Equal([member.UserId], cancelled.Single(c => c.Session == sessions[2]).People);
        Assert.Empty(cancelled.Single(c => c.Session == sessions[1]).People);
        Assert.Equal(SessionStatus.Scheduled, sessions[0].Status);
        Assert.Equal(SessionStatus.Cancelled, sessions[1].Status);
        Assert.Equal(SessionStatus.Cancelled, sessions[2].Status);
    }

    [Fact]
    public void Sessions_of_another_series_are_left_alone()
    {
        var (_, series, _) = Create(RecurrenceFrequency.Weekly, new DateOnly(2027, 10, 21), 2);
        var (_, _, others) = Create(RecurrenceFrequency.Weekly, new DateOnly(2027, 10, 21), 2);

        Assert.Equal(0, series.RescheduleFuture(others, new TimeOnly(9, 0), 60, null, 8, s_now));
        Assert.Empty(series.CancelFuture(others, s_now));
        Assert.All(others, s => Assert.Equal(SessionStatus.Scheduled, s.Status));
    }
}
