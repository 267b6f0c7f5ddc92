using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Administration;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Web.Calendar;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Security;

/// <summary>The seven viewers of the access matrix, in the order of its columns.</summary>
public enum Viewer
{
    Anonymous,
    Member,
    OtherMember,
    OtherFacilitator,
    Facilitator,
    Lead,
    Admin,
}

/// <summary>
/// Two groups and every kind of record a route can name, with the seven viewers signed in through the
/// real sign-in page. "member" is an active member of <see cref="Group"/> (booked on its session, author
/// of its thread); "other member" and "other facilitator" belong to <see cref="OtherGroup"/> only.
/// Records are named by key (<see cref="Ids"/>) so a matrix entry can say "id=thread".
/// </summary>
public sealed class AccessWorld
{
    private AccessWorld(PeerCircleAppFactory app) => App = app;

    public PeerCircleAppFactory App { get; }

    public Dictionary<Viewer, HttpClient> Clients { get; } = [];

    public Dictionary<Viewer, TestUser?> Users { get; } = [];

    /// <summary>Record ids (and the calendar token) by key.</summary>
    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>Text shared in the other group only: no viewer of the first group may ever see it.</summary>
    public const string OtherCanary = "canary-of-the-other-group-7f3a";

    public Guid Group => Guid.Parse(Ids["group"]);

    public Guid OtherGroup => Guid.Parse(Ids["otherGroup"]);

    public static async Task<AccessWorld> CreateAsync(PeerCircleAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var world = new AccessWorld(app);
        world.Clients[Viewer.Anonymous] = app.CreateBrowserClient();
        world.Users[Viewer.Anonymous] = null;
        foreach (var (viewer, roles) in new (Viewer, string[])[]
        {
            (Viewer.Member, []), (Viewer.OtherMember, []), (Viewer.OtherFacilitator, [Roles.Facilitator]),
            (Viewer.Facilitator, [Roles.Facilitator]), (Viewer.Lead, [Roles.SafeguardingLead]), (Viewer.Admin, [Roles.Admin]),
        })
        {
            var (client, user) = await app.SignedInClientAsync(roles);
            world.Clients[viewer] = client;
            world.Users[viewer] = user;
        }

        var member = world.Users[Viewer.Member]!;
        var facilitator = world.Users[Viewer.Facilitator]!;
        var otherFacilitator = world.Users[Viewer.OtherFacilitator]!;
        await app.AddValidTrainingAsync(facilitator.Id);
        await app.AddValidTrainingAsync(otherFacilitator.Id);
        var group = await app.CreateGroupAsync(joinPolicy: JoinPolicy.ByRequest, facilitators: facilitator.Id);
        var otherGroup = await app.CreateGroupAsync(joinPolicy: JoinPolicy.ByRequest, facilitators: otherFacilitator.Id);
        var (aliceClient, alice) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, member.Id, alice.Id);
        await app.AddMemberAsync(otherGroup.Id, world.Users[Viewer.OtherMember]!.Id);
        var pending = await app.CreateUserAsync();
        var pendingMembership = await app.JoinAsync(group.Id, pending.Id);
        var otherPending = await app.JoinAsync(otherGroup.Id, (await app.CreateUserAsync()).Id);
        var session = await app.CreateSessionAsync(group.Id, facilitators: facilitator.Id);
        var otherSession = await app.CreateSessionAsync(otherGroup.Id, facilitators: otherFacilitator.Id);
        await app.ReserveAsync(session.Id, member.Id);

        var thread = await world.Clients[Viewer.Member].StartThreadAsync(group.Id, "Shift patterns", "Nights are hard on everyone.");
        var reply = await aliceClient.ReplyAsync(thread, "They really are.");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var replyId = (await app.RepliesAsync(thread)).Single(s => s.Id != thread).Id;
        var report = await aliceClient.ReportPostAsync(thread, thread, "Please look at this");
        Assert.Equal(HttpStatusCode.Redirect, report.StatusCode);

        var alicePerson = new Person(aliceClient, alice);
        var raisedShare = await app.PostRiskyThreadAsync(alicePerson, group.Id);
        var raised = (await app.ConcernAboutAsync(raisedShare))!;
        (await world.Clients[Viewer.Facilitator].SubmitFormAsync(SafeguardingTestData.Draft(raised.Id), [new("Input.Description", "Please look")],
            $"{SafeguardingTestData.Draft(raised.Id)}?handler=Raise")).AssertRedirectTo("/Facilitate/Concerns");
        var draftShare = await app.PostRiskyThreadAsync(alicePerson, group.Id, "Some nights I think about how to k1ll mys3lf.");
        var draft = (await app.ConcernAboutAsync(draftShare))!;

        // The other group's records, for the per-record (IDOR) tests: its thread carries a canary.
        var otherMemberPerson = new Person(world.Clients[Viewer.OtherMember], world.Users[Viewer.OtherMember]!);
        var otherThread = await otherMemberPerson.Client.StartThreadAsync(otherGroup.Id, "Other group", OtherCanary);
        var otherDraftShare = await app.PostRiskyThreadAsync(otherMemberPerson, otherGroup.Id, $"I want to k1ll mys3lf {OtherCanary}");
        var otherDraft = (await app.ConcernAboutAsync(otherDraftShare))!;
        var (otherReporter, otherReporterUser) = await app.SignedInClientAsync();
        await app.AddMemberAsync(otherGroup.Id, otherReporterUser.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await otherReporter.ReportPostAsync(otherThread, otherThread, "Please look")).StatusCode);

        // One-to-one: the member is paired with the facilitator as their supporter (a message, a proposed check-in,
        // a booked one, a goal with a step); Alice and the pending joiner each wait for the facilitator's answer to their ask.
        var pairing = await app.PairAsync(member.Id, facilitator.Id);
        var pairIds = await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var tracked = await db.Pairings.SingleAsync(p => p.Id == pairing.Id);
            var message = tracked.Message(member.Id, "Thank you for listening.", now);
            db.Shares.Add(message);
            var checkIn = tracked.ProposeCheckIn(member.Id, now.AddDays(3), 30, now);
            db.PairCheckIns.Add(checkIn);
            var goal = tracked.AddGoal(member.Id, "Ask for a regular rota", 0, now);
            var step = goal.AddStep(tracked, member.Id, "Write down what I need", now);
            db.Goals.Add(goal);
            var booked = tracked.ProposeCheckIn(member.Id, now.AddDays(4), 30, now);
            booked.Accept(tracked, facilitator.Id, now);
            db.PairCheckIns.Add(booked);
            db.SupporterProfiles.Add(SupporterProfile.OptIn(facilitator.Id, true,
                new SupporterDetails("Peer supporter.", [Topic.Anxiety], ["English"], OneToOneTestData.Evenings(), 3, true), now));
            var asks = new List<Guid>();
            foreach (var asker in new[] { alice.Id, pending.Id })
            {
                var request = SupportRequest.Create(asker, false, false, [Topic.Anxiety], null, OneToOneTestData.Evenings(), null, now);
                db.SupportRequests.Add(request);
                var ask = Pairing.Ask(request, asker, [new SupporterProposal(facilitator.Id, "x", "x", [Topic.Anxiety], 180)], facilitator.Id, false, now);
                db.Pairings.Add(ask);
                asks.Add(ask.Id);
            }

            await db.SaveChangesAsync();
            return (message: message.Id, checkIn: checkIn.Id, booked: booked.Id, goal: goal.Id, step: step.Id, ask: asks[0], ask2: asks[1]);
        });

        var training = await app.AddTrainingAsync(otherFacilitator.Id, StaffTestData.Today.AddDays(-10), StaffTestData.Today.AddYears(1), verified: false);
        var ids = await app.WithDbAsync(async db =>
        {
            var (invitation, _) = Invitation.Create("For a new facilitator", 7, world.Users[Viewer.Admin]!.Id, DateTime.UtcNow);
            db.Invitations.Add(invitation);
            var phrase = new RiskPhrase("matrix phrase " + Guid.NewGuid().ToString("N")[..6], DateTime.UtcNow);
            db.RiskPhrases.Add(phrase);
            var user = await db.Users.SingleAsync(u => u.Id == member.Id);
            user.CalendarFeedToken = CalendarFeedTokens.Create();
            await db.SaveChangesAsync();
            var help = await db.HelpEntries.Select(h => h.Id).FirstAsync();
            var reportId = await db.ShareReports.Where(r => r.ShareId == thread).Select(r => r.Id).SingleAsync();
            var otherReportId = await db.ShareReports.Where(r => r.ShareId == otherThread).Select(r => r.Id).SingleAsync();
            return (invitation.Id, phrase.Id, user.CalendarFeedToken, help, reportId, otherReportId);
        });

        foreach (var (key, value) in new (string, object)[]
        {
            ("group", group.Id), ("otherGroup", otherGroup.Id), ("session", session.Id), ("otherSession", otherSession.Id),
            ("thread", thread), ("reply", replyId), ("report", ids.reportId), ("concern", raised.Id), ("draft", draft.Id),
            ("riskyShare", raisedShare), ("member", member.Id), ("alice", alice.Id), ("facilitator", facilitator.Id),
            ("otherMember", world.Users[Viewer.OtherMember]!.Id), ("pendingMembership", pendingMembership.Id), ("training", training.Id),
            ("otherThread", otherThread), ("otherDraft", otherDraft.Id), ("otherReport", ids.otherReportId), ("otherPendingMembership", otherPending.Id),
            ("invitation", ids.Item1), ("phrase", ids.Item2), ("help", ids.help), ("feedToken", ids.CalendarFeedToken!),
            ("pairing", pairing.Id), ("request", pairing.RequestId), ("pairMessage", pairIds.message), ("checkIn", pairIds.checkIn),
            ("bookedCheckIn", pairIds.booked), ("goal", pairIds.goal), ("step", pairIds.step), ("ask", pairIds.ask), ("ask2", pairIds.ask2),
        })
        {
            world.Ids[key] = value.ToString()!;
        }

        return world;
    }
}
