using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.OneToOne;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.OneToOne;

public sealed class OneToOneTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_member_asks_picks_a_proposed_supporter_who_accepts_and_they_talk_and_book_a_check_in()
    {
        var supporter = await app.CreateSupporterAsync(bio: "Bio of a kind supporter");
        var (memberClient, member) = await app.SignedInClientAsync();

        var asked = await memberClient.SubmitFormAsync("/OneToOne/Ask",
        [
            new("Input.Topics", "Anxiety"), new("Input.Language", ""), new("Input.Availability.TimeZone", "America/New_York"),
            new("Input.Availability.Windows[0].Day", "Wednesday"), new("Input.Availability.Windows[0].From", "13:00"), new("Input.Availability.Windows[0].To", "15:30"),
            new("Input.Note", "Private note for my supporter"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var choose = asked.Headers.Location!.OriginalString;
        Assert.StartsWith("/OneToOne/Choose/", choose, StringComparison.Ordinal);
        var page = await memberClient.GetStringAsync(new Uri(choose, UriKind.Relative));
        Assert.Contains(supporter.Pseudonym, page, StringComparison.Ordinal);
        Assert.Contains("Bio of a kind supporter", page, StringComparison.Ordinal);
        Assert.DoesNotContain(supporter.User.Email, page, StringComparison.Ordinal);

        var picked = await memberClient.SubmitFormAsync(choose, [new("supporterId", supporter.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        var pairing = await app.WithDbAsync(db => db.Pairings.SingleAsync(p => p.MemberId == member.Id));
        Assert.Equal(PairingStatus.Asked, pairing.Status);
        Assert.Contains(await app.NotificationsOfAsync(supporter.Id), n => n.Text == PairingNotices.Asked);

        var respond = $"/OneToOne/Respond/{pairing.Id}";
        Assert.Contains("Private note for my supporter", await supporter.GetAsync(respond), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await memberClient.GetAsync(new Uri(respond, UriKind.Relative))).StatusCode);
        var accepted = await supporter.Client.SubmitFormAsync(respond, [], $"{respond}?handler=Accept");
        accepted.AssertRedirectTo(OneToOneTestData.PairingPage(pairing.Id));
        Assert.Contains(await app.NotificationsOfAsync(member.Id), n => n.Text == PairingNotices.Accepted);

        Assert.Equal(HttpStatusCode.Redirect, (await memberClient.SendPairMessageAsync(pairing.Id, "Hello from the member")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await supporter.Client.SendPairMessageAsync(pairing.Id, "Hello back from the supporter")).StatusCode);
        var space = await supporter.GetAsync(OneToOneTestData.PairingPage(pairing.Id));
        Assert.Contains("Hello from the member", space, StringComparison.Ordinal);
        Assert.Contains("Remember your boundaries", space, StringComparison.Ordinal);
        Assert.DoesNotContain("Remember your boundaries", await memberClient.GetStringAsync(new Uri(OneToOneTestData.PairingPage(pairing.Id), UriKind.Relative)), StringComparison.Ordinal);

        var day = DateTime.UtcNow.AddDays(3);
        Assert.Equal(HttpStatusCode.Redirect, (await memberClient.PairActionAsync(pairing.Id, "ProposeCheckIn",
            ("CheckIn.Date", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("CheckIn.Time", "18:30"), ("CheckIn.DurationMinutes", "30"))).StatusCode);
        var checkIn = await app.WithDbAsync(db => db.PairCheckIns.SingleAsync(c => c.PairingId == pairing.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await memberClient.GetAsync(new Uri($"{OneToOneTestData.PairingPage(pairing.Id)}?handler=Calendar&checkInId={checkIn.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await supporter.Client.PairActionAsync(pairing.Id, $"AcceptCheckIn&checkInId={checkIn.Id}")).StatusCode);

        // In both calendars; discreet mode (the default) names neither the other person nor one-to-one support.
        var ics = await memberClient.GetStringAsync(new Uri($"{OneToOneTestData.PairingPage(pairing.Id)}?handler=Calendar&checkInId={checkIn.Id}", UriKind.Relative));
        Assert.Contains("SUMMARY:PeerCircle check-in", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(supporter.Pseudonym, ics, StringComparison.Ordinal);
        await app.SetProfileAsync(supporter.Id, discreet: false);
        var supporterIcs = await supporter.GetAsync($"{OneToOneTestData.PairingPage(pairing.Id)}?handler=Calendar&checkInId={checkIn.Id}");
        Assert.Contains(member.Pseudonym, supporterIcs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_pair_sees_messages_and_goals_and_other_pairs_ids_answer_404()
    {
        var supporter = await app.CreateSupporterAsync();
        var (memberClient, member) = await app.SignedInClientAsync();
        var pairing = await app.PairAsync(member.Id, supporter.Id);
        var otherSupporter = await app.CreateSupporterAsync();
        var (otherClient, other) = await app.SignedInClientAsync();
        var otherPairing = await app.PairAsync(other.Id, otherSupporter.Id);
        await otherClient.SendPairMessageAsync(otherPairing.Id, "The other pair's message");
        var otherShare = await app.WithDbAsync(db => db.Shares.SingleAsync(s => s.PairingId == otherPairing.Id));
        var (adminClient, _) = await app.SignedInClientAsync(Roles.Admin, Roles.SafeguardingLead);

        foreach (var client in new[] { otherClient, otherSupporter.Client, adminClient })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(OneToOneTestData.PairingPage(pairing.Id), UriKind.Relative))).StatusCode);
        }

        foreach (var url in new[] { $"/OneToOne/Respond/{pairing.Id}", $"/OneToOne/Concern/{pairing.Id}", $"/OneToOne/Signpost/{pairing.Id}", $"/OneToOne/Choose/{pairing.RequestId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherSupporter.Client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }

        // The member of one pair posts against their own pairing with another pair's share: 404, and the share is untouched.
        var withdraw = await memberClient.PairActionAsync(pairing.Id, $"Withdraw&shareId={otherShare.Id}");
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.Shares.SingleAsync(s => s.Id == otherShare.Id))).Text);
    }

    [Fact]
    public async Task Ending_a_pairing_closes_the_space_for_new_messages_and_tells_the_other_person_kindly()
    {
        var supporter = await app.CreateSupporterAsync();
        var (memberClient, member) = await app.SignedInClientAsync();
        var pairing = await app.PairAsync(member.Id, supporter.Id);
        await memberClient.SendPairMessageAsync(pairing.Id, "Before the end");

        var ended = await memberClient.PairActionAsync(pairing.Id, "End", ("End.Reason", "I feel better now, thank you so much."));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(PairingStatus.Ended, (await app.PairingAsync(pairing.Id)).Status);
        var notice = Assert.Single(await app.NotificationsOfAsync(supporter.Id), n => n.Text == PairingNotices.EndedForSupporter);
        Assert.DoesNotContain("feel better", notice.Text, StringComparison.Ordinal);
        Assert.Contains("I feel better now, thank you so much.", await supporter.GetAsync(OneToOneTestData.PairingPage(pairing.Id)), StringComparison.Ordinal);

        var after = await supporter.Client.SendPairMessageAsync(pairing.Id, "After the end");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("This pairing has ended", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Shares.CountAsync(s => s.PairingId == pairing.Id)));

        // The member can ask for another supporter at once.
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync(new Uri("/OneToOne/Ask", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_risky_message_shows_the_caring_page_and_alerts_the_supporter_and_the_leads_never_quoting_it()
    {
        var (_, lead) = await app.SignedInClientAsync(Roles.SafeguardingLead);
        var supporter = await app.CreateSupporterAsync();
        var (memberClient, member) = await app.SignedInClientAsync();
        var pairing = await app.PairAsync(member.Id, supporter.Id);

        var response = await memberClient.SendPairMessageAsync(pairing.Id, "Some nights I want to k1ll mys3lf, riskcanary.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Help/Support", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var concern = await app.WithDbAsync(db => db.Concerns.Include(c => c.Snapshots).SingleAsync(c => c.PairingId == pairing.Id));
        Assert.Equal(ConcernStatus.Open, concern.Status);
        Assert.Null(concern.GroupId);
        Assert.Equal(member.Id, concern.SubjectId);
        var supporterNotes = await app.NotificationsOfAsync(supporter.Id);
        Assert.Contains(supporterNotes, n => n.Text == PairingNotices.RiskAlert);
        Assert.Contains(await app.NotificationsOfAsync(lead.Id), n => n.Text == SafeguardingTeam.NewConcern);
        Assert.DoesNotContain(await app.NotificationsOfAsync(member.Id), n => n.Text == PairingNotices.RiskAlert);
        foreach (var n in supporterNotes.Concat(await app.NotificationsOfAsync(lead.Id)))
        {
            Assert.DoesNotContain("riskcanary", n.Text, StringComparison.Ordinal);
        }

        // The leads' queue lists it as one-to-one support.
        var (leadClient, _) = await app.SignedInClientAsync(Roles.SafeguardingLead);
        var queue = await leadClient.GetStringAsync(new Uri("/Safeguarding", UriKind.Relative));
        Assert.Contains("One-to-one support", queue, StringComparison.Ordinal);
        var concernPage = await leadClient.GetStringAsync(new Uri(SafeguardingTestData.LeadConcern(concern.Id), UriKind.Relative));
        Assert.DoesNotContain("riskcanary", concernPage, StringComparison.Ordinal);

        // A second risky message joins the same concern: no second alert.
        await memberClient.SendPairMessageAsync(pairing.Id, "I still want to end it all.");
        Assert.Equal(1, await app.WithDbAsync(db => db.Concerns.CountAsync(c => c.PairingId == pairing.Id)));
        Assert.Single(await app.NotificationsOfAsync(supporter.Id), n => n.Text == PairingNotices.RiskAlert);
        Assert.DoesNotContain("riskcanary", app.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supporter_can_raise_a_concern_and_signpost_privately()
    {
        var supporter = await app.CreateSupporterAsync();
        var (memberClient, member) = await app.SignedInClientAsync();
        var pairing = await app.PairAsync(member.Id, supporter.Id);
        await memberClient.SendPairMessageAsync(pairing.Id, "It has been a really hard week.");

        var raised = await supporter.Client.SubmitFormAsync($"/OneToOne/Concern/{pairing.Id}", [new("Description", "They sound very low.")]);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var concern = await app.WithDbAsync(db => db.Concerns.Include(c => c.Snapshots).SingleAsync(c => c.PairingId == pairing.Id));
        Assert.Equal(ConcernSource.Supporter, concern.Source);
        Assert.Equal("It has been a really hard week.", Assert.Single(concern.Snapshots).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await memberClient.GetAsync(new Uri($"/OneToOne/Concern/{pairing.Id}", UriKind.Relative))).StatusCode);

        var entry = await app.WithDbAsync(db => db.HelpEntries.Select(e => e.Id).FirstAsync());
        var sent = await supporter.Client.SubmitFormAsync($"/OneToOne/Signpost/{pairing.Id}", [new("Input.EntryIds", entry.ToString()), new("Input.Note", "Thinking of you")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains(await app.NotificationsOfAsync(member.Id), n => n.Text.StartsWith("Your one-to-one supporter sent you some places", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admins_see_only_counts_with_fewer_than_five_suppressed()
    {
        var supporter = await app.CreateSupporterAsync();
        var (_, member) = await app.SignedInClientAsync();
        await app.PairAsync(member.Id, supporter.Id, note: "adminnotecanary");
        var (adminClient, _) = await app.SignedInClientAsync(Roles.Admin);

        var page = await adminClient.GetStringAsync(new Uri("/Admin/OneToOne", UriKind.Relative));

        Assert.Contains("<dd class=\"col-sm-5\" id=\"figure-active\">fewer than 5</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("adminnotecanary", page, StringComparison.Ordinal);
        Assert.DoesNotContain(member.Pseudonym, page, StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
        {
            var (_, m) = await app.SignedInClientAsync();
            await app.PairAsync(m.Id, (await app.CreateSupporterAsync()).Id);
        }

        var active = await app.WithDbAsync(db => db.Pairings.CountAsync(p => p.Status == PairingStatus.Active));
        page = await adminClient.GetStringAsync(new Uri("/Admin/OneToOne", UriKind.Relative));
        Assert.Contains($"<dd class=\"col-sm-5\" id=\"figure-active\">{active}</dd>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_facilitators_with_valid_training_can_offer_support_and_bad_input_is_a_message_not_an_error()
    {
        var (memberClient, _) = await app.SignedInClientAsync();
        var denied = await memberClient.GetAsync(new Uri("/OneToOne/Supporter", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);

        var (facilitatorClient, facilitator) = await app.SignedInClientAsync(Roles.Facilitator);
        var fields = new KeyValuePair<string, string>[]
        {
            new("Input.Bio", "Happy to listen"), new("Input.Topics", "Anxiety"), new("Input.Languages", "English"),
            new("Input.Availability.TimeZone", "Europe/London"), new("Input.Availability.Windows[0].Day", "Monday"),
            new("Input.Availability.Windows[0].From", "18:00"), new("Input.Availability.Windows[0].To", "20:00"),
            new("Input.CaseloadLimit", "2"), new("Input.IsAccepting", "true"),
        };
        var untrained = await facilitatorClient.SubmitFormAsync("/OneToOne/Supporter", fields);
        Assert.Equal(HttpStatusCode.OK, untrained.StatusCode);
        Assert.Contains("training that is verified and valid today", await untrained.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.AddValidTrainingAsync(facilitator.Id);
        var backwards = await facilitatorClient.SubmitFormAsync("/OneToOne/Supporter",
            [.. fields.Where(f => f.Key != "Input.Availability.Windows[0].To"), new("Input.Availability.Windows[0].To", "17:00")]);
        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        Assert.Contains("the end time must be after the start time", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await facilitatorClient.SubmitFormAsync("/OneToOne/Supporter", fields)).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.SupporterProfiles.AnyAsync(p => p.UserId == facilitator.Id && p.IsAccepting)));

        var badAsk = await memberClient.SubmitFormAsync("/OneToOne/Ask", [new("Input.Availability.TimeZone", "Europe/London")]);
        Assert.Equal(HttpStatusCode.OK, badAsk.StatusCode);
        Assert.Contains("Add at least one time in the week", await badAsk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_account_ends_its_pairing_tells_the_other_person_and_removes_the_supporter_profile()
    {
        var supporter = await app.CreateSupporterAsync();
        var (memberClient, member) = await app.SignedInClientAsync();
        var pairing = await app.PairAsync(member.Id, supporter.Id, note: "deletednotecanary");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MyData>().DeleteAccountAsync(supporter.Id, withdrawShares: true, CancellationToken.None);
        }

        Assert.Equal(PairingStatus.Ended, (await app.PairingAsync(pairing.Id)).Status);
        Assert.Contains(await app.NotificationsOfAsync(member.Id), n => n.Text == PairingNotices.EndedForMember);
        Assert.False(await app.WithDbAsync(db => db.SupporterProfiles.AnyAsync(p => p.UserId == supporter.Id)));
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync(new Uri("/OneToOne/Ask", UriKind.Relative))).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MyData>().DeleteAccountAsync(member.Id, withdrawShares: true, CancellationToken.None);
        }

        Assert.False(await app.WithDbAsync(db => db.SupportRequests.AnyAsync(r => r.MemberId == member.Id && r.Note != null)));
    }

    [Fact]
    public async Task Once_an_ended_pairing_is_past_its_retention_the_purge_deletes_its_messages_goals_and_note()
    {
        var supporter = await app.CreateSupporterAsync();
        var (memberClient, member) = await app.SignedInClientAsync();
        var pairing = await app.PairAsync(member.Id, supporter.Id, note: "purgenotecanary");
        await memberClient.SendPairMessageAsync(pairing.Id, "purgemessagecanary");
        await memberClient.PairActionAsync(pairing.Id, "AddGoal", ("NewGoal.Title", "purgegoalcanary"));
        await memberClient.PairActionAsync(pairing.Id, "End");
        var ended = await app.PairingAsync(pairing.Id);
        Assert.True(ended.PurgeAfterUtc > DateTime.UtcNow.AddDays(29));

        async Task PurgeAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SharePurger>().PurgeDueAsync(CancellationToken.None);
        }

        await PurgeAsync();
        Assert.Equal("purgemessagecanary", await app.WithDbAsync(db => db.Shares.Where(s => s.PairingId == pairing.Id).Select(s => s.Text).SingleAsync()));

        // The retention period passes.
        await app.WithDbAsync(db => db.Pairings.Where(p => p.Id == pairing.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.PurgeAfterUtc, DateTime.UtcNow.AddMinutes(-1))));
        await PurgeAsync();

        Assert.Null(await app.WithDbAsync(db => db.Shares.Where(s => s.PairingId == pairing.Id).Select(s => s.Text).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Goals.AnyAsync(g => g.PairingId == pairing.Id)));
        Assert.Null(await app.WithDbAsync(db => db.SupportRequests.Where(r => r.Id == pairing.RequestId).Select(r => r.Note).SingleAsync()));
        Assert.False(await app.DatabaseFileContainsAsync("purgemessagecanary"));
    }
}
