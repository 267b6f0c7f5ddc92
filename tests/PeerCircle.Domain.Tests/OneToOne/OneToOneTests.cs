using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Domain.Tests.OneToOne;

public sealed class MatchingTests
{
    // A Wednesday in winter: London is UTC+0, New York UTC-5, Sydney UTC+11.
    internal static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    internal static WeeklyAvailability Free(string zone, DayOfWeek day, int fromHour, int toHour) =>
        WeeklyAvailability.Create(zone, [new WeeklyWindow(day, new TimeOnly(fromHour, 0), new TimeOnly(toHour, 0))]);

    internal static SupportRequest Request(Guid member, WeeklyAvailability availability, string? language = null, params Topic[] topics) =>
        SupportRequest.Create(member, false, false, topics.Length == 0 ? [Topic.Anxiety] : topics, language, availability, "A note", Now);

    internal static SupporterCandidate Candidate(string name, WeeklyAvailability availability, Topic[]? topics = null, int limit = 2, int now = 0,
        bool trained = true, bool accepting = true, string[]? languages = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), name, $"{name}'s bio", topics ?? [Topic.Anxiety], languages ?? ["English"], availability, limit, now, trained, accepting);

    [Fact]
    public void Only_supporters_sharing_a_topic_are_proposed()
    {
        var evening = Free("Europe/London", DayOfWeek.Wednesday, 18, 21);
        var request = Request(Guid.NewGuid(), evening, null, Topic.Grief);

        var proposals = SupporterMatcher.Propose(request,
            [Candidate("Anx", evening, [Topic.Anxiety]), Candidate("Griefy", evening, [Topic.Grief, Topic.Burnout])], [], Now);

        Assert.Equal("Griefy", Assert.Single(proposals).Pseudonym);
        Assert.Equal([Topic.Grief], proposals[0].SharedTopics);
    }

    [Fact]
    public void Availability_is_compared_in_UTC_across_time_zones()
    {
        // 18:00-21:00 in London is 13:00-16:00 in New York: a New York supporter free 13:00-15:00 overlaps 2 hours;
        // one free 18:00-21:00 New York time (23:00-02:00 London) does not overlap at all.
        var member = Free("Europe/London", DayOfWeek.Wednesday, 18, 21);
        var afternoonNy = Free("America/New_York", DayOfWeek.Wednesday, 13, 15);
        var eveningNy = Free("America/New_York", DayOfWeek.Wednesday, 18, 21);

        Assert.Equal(120, member.OverlapMinutes(afternoonNy, Now));
        Assert.Equal(0, member.OverlapMinutes(eveningNy, Now));

        var proposals = SupporterMatcher.Propose(Request(Guid.NewGuid(), member), [Candidate("Evening", eveningNy), Candidate("Afternoon", afternoonNy)], [], Now);
        Assert.Equal("Afternoon", Assert.Single(proposals).Pseudonym);
    }

    [Fact]
    public void A_window_that_crosses_midnight_in_UTC_still_overlaps_on_the_right_day()
    {
        // Monday 07:00-09:00 in Sydney (UTC+11) is Sunday 20:00-22:00 UTC, the evening before in London.
        var sydney = Free("Australia/Sydney", DayOfWeek.Monday, 7, 9);
        var londonSunday = Free("Europe/London", DayOfWeek.Sunday, 21, 23);
        var londonMonday = Free("Europe/London", DayOfWeek.Monday, 7, 9);

        Assert.Equal(60, sydney.OverlapMinutes(londonSunday, Now));
        Assert.Equal(0, sydney.OverlapMinutes(londonMonday, Now));
    }

    [Fact]
    public void Supporters_at_their_caseload_limit_or_without_valid_training_or_paused_are_not_proposed()
    {
        var evening = Free("Europe/London", DayOfWeek.Wednesday, 18, 21);
        var proposals = SupporterMatcher.Propose(Request(Guid.NewGuid(), evening),
        [
            Candidate("Full", evening, limit: 2, now: 2),
            Candidate("Untrained", evening, trained: false),
            Candidate("Paused", evening, accepting: false),
            Candidate("Room", evening, limit: 2, now: 1),
        ], [], Now);

        Assert.Equal("Room", Assert.Single(proposals).Pseudonym);
    }

    [Fact]
    public void At_most_three_are_proposed_best_fit_first_never_the_member_nor_who_declined()
    {
        var member = Guid.NewGuid();
        var declined = Guid.NewGuid();
        var evening = Free("Europe/London", DayOfWeek.Wednesday, 18, 21);
        var hour = Free("Europe/London", DayOfWeek.Wednesday, 18, 19);
        var request = Request(member, evening, null, Topic.Anxiety, Topic.Burnout);

        var proposals = SupporterMatcher.Propose(request,
        [
            Candidate("Self", evening, id: member),
            Candidate("Declined", evening, [Topic.Anxiety, Topic.Burnout], id: declined),
            Candidate("OneTopicShort", hour),
            Candidate("TwoTopics", hour, [Topic.Anxiety, Topic.Burnout]),
            Candidate("OneTopicLong", evening),
            Candidate("OneTopicLongBusy", evening, limit: 4, now: 3),
        ], [declined], Now);

        Assert.Equal(["TwoTopics", "OneTopicLong", "OneTopicLongBusy"], proposals.Select(p => p.Pseudonym));
    }

    [Fact]
    public void The_language_asked_for_must_be_one_the_supporter_speaks()
    {
        var evening = Free("Europe/London", DayOfWeek.Wednesday, 18, 21);
        var proposals = SupporterMatcher.Propose(Request(Guid.NewGuid(), evening, "Polish"),
            [Candidate("English", evening), Candidate("Both", evening, languages: ["English", "Polish"])], [], Now);

        Assert.Equal("Both", Assert.Single(proposals).Pseudonym);
    }

    [Fact]
    public void Availability_rejects_backwards_short_or_missing_windows_and_unknown_zones()
    {
        Assert.Throws<DomainException>(() => Free("Europe/London", DayOfWeek.Monday, 20, 18));
        Assert.Throws<DomainException>(() => WeeklyAvailability.Create("Europe/London", [new WeeklyWindow(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(18, 15))]));
        Assert.Throws<DomainException>(() => WeeklyAvailability.Create("Europe/London", []));
        Assert.Throws<DomainException>(() => Free("Mars/Olympus", DayOfWeek.Monday, 18, 20));
        var stored = Free("Europe/London", DayOfWeek.Friday, 9, 11);
        Assert.Equal("Fri 09:00-11:00", WeeklyAvailability.Parse("Europe/London", stored.Serialize()).Serialize());
    }
}

public sealed class PairingTests
{
    private static readonly DateTime s_now = MatchingTests.Now;

    internal static (SupportRequest Request, Pairing Pairing, Guid Member, Guid Supporter) Asked()
    {
        var member = Guid.NewGuid();
        var supporter = Guid.NewGuid();
        var evening = MatchingTests.Free("Europe/London", DayOfWeek.Wednesday, 18, 21);
        var request = MatchingTests.Request(member, evening);
        var proposal = new SupporterProposal(supporter, "Sam", "bio", [Topic.Anxiety], 180);
        return (request, Pairing.Ask(request, member, [proposal], supporter, false, s_now), member, supporter);
    }

    internal static (SupportRequest Request, Pairing Pairing, Guid Member, Guid Supporter) Active()
    {
        var asked = Asked();
        asked.Pairing.Accept(asked.Supporter, asked.Request, true, 0, 2, s_now.AddHours(5));
        return asked;
    }

    [Fact]
    public void A_member_has_at_most_one_pairing_asked_or_active_and_one_open_request()
    {
        var (request, _, member, supporter) = Asked();
        var proposal = new SupporterProposal(supporter, "Sam", "bio", [Topic.Anxiety], 180);

        Assert.Throws<DomainException>(() => Pairing.Ask(request, member, [proposal], supporter, memberHasPairingAskedOrActive: true, s_now));
        Assert.Throws<DomainException>(() => SupportRequest.Create(member, false, memberHasActivePairing: true, [Topic.Anxiety], null, request.Availability, null, s_now));
        Assert.Throws<DomainException>(() => SupportRequest.Create(member, memberHasOpenRequest: true, false, [Topic.Anxiety], null, request.Availability, null, s_now));
    }

    [Fact]
    public void A_member_can_only_pick_a_supporter_who_was_proposed()
    {
        var (request, _, member, _) = Asked();
        Assert.Throws<DomainException>(() => Pairing.Ask(request, member, [], Guid.NewGuid(), false, s_now));
    }

    [Fact]
    public void Accepting_starts_the_pairing_and_records_the_time_to_match()
    {
        var (request, pairing, _, supporter) = Asked();

        pairing.Accept(supporter, request, trainingValidToday: true, activePairings: 1, caseloadLimit: 2, s_now.AddHours(5));

        Assert.Equal(PairingStatus.Active, pairing.Status);
        Assert.Equal(SupportRequestStatus.Matched, request.Status);
        Assert.Equal(TimeSpan.FromHours(5), request.TimeToMatch);
    }

    [Fact]
    public void A_supporter_at_their_limit_or_with_lapsed_training_cannot_accept_and_only_they_may_answer()
    {
        var (request, pairing, member, supporter) = Asked();

        Assert.Throws<DomainException>(() => pairing.Accept(supporter, request, true, activePairings: 2, caseloadLimit: 2, s_now));
        Assert.Throws<DomainException>(() => pairing.Accept(supporter, request, trainingValidToday: false, 0, 2, s_now));
        Assert.Throws<DomainException>(() => pairing.Accept(member, request, true, 0, 2, s_now));
        Assert.Throws<DomainException>(() => pairing.Decline(Guid.NewGuid(), s_now));
        Assert.Equal(PairingStatus.Asked, pairing.Status);
    }

    [Fact]
    public void Declining_leaves_the_request_open_for_another_choice()
    {
        var (request, pairing, _, supporter) = Asked();

        pairing.Decline(supporter, s_now);

        Assert.Equal(PairingStatus.Declined, pairing.Status);
        Assert.Equal(SupportRequestStatus.Open, request.Status);
        Assert.Throws<DomainException>(() => pairing.Accept(supporter, request, true, 0, 2, s_now));
    }

    [Fact]
    public void Either_person_can_end_with_an_optional_reason_and_then_nothing_new_can_be_said()
    {
        var (_, pairing, member, supporter) = Active();
        Assert.Throws<DomainException>(() => pairing.End(Guid.NewGuid(), null, s_now, 30));

        pairing.End(supporter, "  I'm moving on to a new role, it was good to meet you.  ", s_now.AddDays(10), retentionDays: 30);

        Assert.Equal(PairingStatus.Ended, pairing.Status);
        Assert.Equal("I'm moving on to a new role, it was good to meet you.", pairing.EndReason);
        Assert.Equal(s_now.AddDays(40), pairing.PurgeAfterUtc);
        Assert.Throws<DomainException>(() => pairing.Message(member, "Hello?", s_now.AddDays(11)));
        Assert.Throws<DomainException>(() => pairing.ProposeCheckIn(member, s_now.AddDays(12), 30, s_now.AddDays(11)));
        Assert.Throws<DomainException>(() => pairing.AddGoal(member, "Sleep better", 0, s_now.AddDays(11)));
        Assert.Throws<DomainException>(() => pairing.End(member, null, s_now.AddDays(11), 30));
    }

    [Fact]
    public void A_message_is_a_share_for_the_pair_only()
    {
        var (_, pairing, member, supporter) = Active();
        var share = pairing.Message(member, "Canary", s_now);

        Assert.Equal(ShareKind.PairMessage, share.Kind);
        Assert.Equal(ShareAudience.Pair, share.Audience);
        Assert.Null(share.GroupId);
        Assert.True(ShareVisibility.CanSee(new PairViewer(supporter, pairing.Id, true), share));
        Assert.True(ShareVisibility.CanSee(new PairViewer(member, pairing.Id, true), share));
        Assert.False(ShareVisibility.CanSee(new PairViewer(Guid.NewGuid(), pairing.Id, false), share));
        Assert.False(ShareVisibility.CanSee(new PairViewer(supporter, Guid.NewGuid(), true), share));
        Assert.False(ShareVisibility.CanSee(new ShareViewer(supporter, Guid.NewGuid(), true, true), share));
        Assert.Throws<DomainException>(() => pairing.Message(Guid.NewGuid(), "Intruder", s_now));
    }

    [Fact]
    public void A_check_in_is_accepted_by_the_other_person_not_the_one_who_proposed_it()
    {
        var (_, pairing, member, supporter) = Active();
        var checkIn = pairing.ProposeCheckIn(member, s_now.AddDays(2), 30, s_now);

        Assert.Throws<DomainException>(() => checkIn.Accept(pairing, member, s_now));
        checkIn.Accept(pairing, supporter, s_now.AddHours(1));

        Assert.Equal(PairCheckInStatus.Accepted, checkIn.Status);
        Assert.Throws<DomainException>(() => checkIn.Decline(pairing, supporter, s_now));
        Assert.Throws<DomainException>(() => pairing.ProposeCheckIn(member, s_now.AddHours(-1), 30, s_now));
        Assert.Throws<DomainException>(() => pairing.ProposeCheckIn(member, s_now.AddDays(1), 5, s_now));
    }

    [Fact]
    public void Goal_progress_is_the_share_of_steps_the_member_has_done()
    {
        var (_, pairing, member, supporter) = Active();
        var goal = pairing.AddGoal(member, "Speak up in team meetings", 0, s_now);
        var a = goal.AddStep(pairing, member, "Write down one point before the meeting", s_now);
        var b = goal.AddStep(pairing, member, "Say it in the first ten minutes", s_now);
        goal.AddStep(pairing, member, "Tell my supporter how it went", s_now);
        Assert.Equal(0, goal.ProgressPercent);

        goal.SetStepDone(pairing, member, a.Id, true, s_now.AddDays(1));
        Assert.Equal(33, goal.ProgressPercent);
        goal.SetStepDone(pairing, member, b.Id, true, s_now.AddDays(2));
        Assert.Equal(66, goal.ProgressPercent);
        Assert.Null(goal.AchievedUtc);

        goal.SetStepDone(pairing, member, goal.Steps.Last().Id, true, s_now.AddDays(3));
        Assert.Equal(100, goal.ProgressPercent);
        Assert.Equal(s_now.AddDays(3), goal.AchievedUtc);

        goal.SetStepDone(pairing, member, a.Id, false, s_now.AddDays(4));
        Assert.Equal(66, goal.ProgressPercent);
        Assert.Null(goal.AchievedUtc);
    }

    [Fact]
    public void Goals_are_set_and_progressed_by_the_member_only()
    {
        var (_, pairing, member, supporter) = Active();
        Assert.Throws<DomainException>(() => pairing.AddGoal(supporter, "Their goal", 0, s_now));
        var goal = pairing.AddGoal(member, "Sleep before midnight", 0, s_now);
        Assert.Throws<DomainException>(() => goal.AddStep(pairing, supporter, "Step", s_now));
        var step = goal.AddStep(pairing, member, "Phone away at 23:00", s_now);
        Assert.Throws<DomainException>(() => goal.SetStepDone(pairing, supporter, step.Id, true, s_now));
        Assert.Throws<DomainException>(() => pairing.AddGoal(member, "One too many", Goal.MaxPerPairing, s_now));
    }

    [Fact]
    public void A_risky_message_opens_a_concern_straight_to_the_leads_with_its_snapshot()
    {
        var (_, pairing, member, supporter) = Active();
        var share = pairing.Message(member, "Some days I want to end it all", s_now);

        var concern = Concern.DetectedInPairing(share, s_now);
        share.Withdraw(member, s_now.AddMinutes(1));

        Assert.Equal(ConcernStatus.Open, concern.Status);
        Assert.Null(concern.GroupId);
        Assert.Equal(pairing.Id, concern.PairingId);
        Assert.Equal(member, concern.SubjectId);
        Assert.Equal("Some days I want to end it all", Assert.Single(concern.Snapshots).Text);

        var other = Active();
        Assert.Throws<DomainException>(() => concern.AddShare(other.Pairing.Message(other.Member, "Elsewhere", s_now), s_now));
        Assert.Throws<DomainException>(() => Concern.RaisedBySupporter(member, pairing, [], "Worried", s_now));
        var raised = Concern.RaisedBySupporter(supporter, pairing, [pairing.Message(member, "Hard day", s_now), pairing.Message(supporter, "Mine", s_now)], "Worried", s_now);
        Assert.Equal(ConcernSource.Supporter, raised.Source);
        Assert.Equal("Hard day", Assert.Single(raised.Snapshots).Text);
    }
}

public sealed class SupporterProfileTests
{
    private static SupporterDetails Details(int caseload = 2, IReadOnlyCollection<Topic>? topics = null) =>
        new("I started work at 17 and found it hard; happy to listen.", topics ?? [Topic.NewToWork], ["English"],
            MatchingTests.Free("Europe/London", DayOfWeek.Tuesday, 18, 20), caseload, true);

    [Fact]
    public void Only_a_facilitator_whose_training_is_valid_today_can_opt_in_or_update()
    {
        Assert.Throws<DomainException>(() => SupporterProfile.OptIn(Guid.NewGuid(), trainingValidToday: false, Details(), MatchingTests.Now));
        var profile = SupporterProfile.OptIn(Guid.NewGuid(), true, Details(), MatchingTests.Now);
        Assert.Equal([Topic.NewToWork], profile.Topics);
        Assert.Equal("Tue 18:00-20:00", profile.Availability.Serialize());
        Assert.Throws<DomainException>(() => profile.Update(false, Details(), MatchingTests.Now));
    }

    [Fact]
    public void The_caseload_limit_and_topics_are_checked()
    {
        Assert.Throws<DomainException>(() => SupporterProfile.OptIn(Guid.NewGuid(), true, Details(caseload: 0), MatchingTests.Now));
        Assert.Throws<DomainException>(() => SupporterProfile.OptIn(Guid.NewGuid(), true, Details(caseload: SupporterProfile.MaxCaseload + 1), MatchingTests.Now));
        Assert.Throws<DomainException>(() => SupporterProfile.OptIn(Guid.NewGuid(), true, Details(topics: []), MatchingTests.Now));
    }
}
