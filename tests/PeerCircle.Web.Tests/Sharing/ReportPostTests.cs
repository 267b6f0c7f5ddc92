using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;
using static PeerCircle.Web.Tests.Infrastructure.SharingTestData;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>Reporting a post to the facilitators on its own page: the post, the reason, and back to the conversation.</summary>
public sealed class ReportPostTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_member_reports_a_post_on_its_own_page_and_goes_back_to_the_post_with_thanks()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "About my team", "The opening post.");
        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ReplyAsync(thread, "A reply that names a colleague.")).StatusCode);
        var reply = (await app.RepliesAsync(thread)).Single(s => s.Id != thread).Id;

        var conversation = await people.Bob.GetAsync(Thread(thread));
        Assert.Contains($"href=\"{ReportPost(thread, reply).Replace("&", "&amp;", StringComparison.Ordinal)}\">Report to the facilitators</a>", conversation, StringComparison.Ordinal);

        var page = await people.Bob.GetAsync(ReportPost(thread, reply, page: 2));
        Assert.Contains("<title>Report a post", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("<title>[^<]*colleague", page);
        Assert.Contains("A reply that names a colleague.", page, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"byline fw-semibold\">{people.Alice.Pseudonym}</span>", page, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-label\" for=\"reason\">Why are you reporting this post?", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Concerns/Worried/{people.Group.Id}?shareId={reply}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Thread(thread)}?p=2#post-{reply}\">Back to the conversation</a>", page, StringComparison.Ordinal);

        var sent = await people.Bob.Client.SubmitFormAsync(Thread(thread), [new("reason", "It names someone at work")], ReportPost(thread, reply, page: 2));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"{Thread(thread)}?p=2#post-{reply}", sent.Headers.Location?.OriginalString);
        Assert.Contains("Thank you. The group&#x27;s facilitators will look at this post.", await people.Bob.GetAsync($"{Thread(thread)}?p=2"), StringComparison.Ordinal);
        var report = await app.WithDbAsync(db => db.ShareReports.AsNoTracking().SingleAsync(r => r.ShareId == reply));
        Assert.Equal("It names someone at work", report.Reason);
        Assert.Equal(people.Bob.Id, report.ReporterId);
    }

    [Fact]
    public async Task A_report_without_a_reason_or_with_too_long_a_reason_says_why_at_the_field_and_keeps_what_was_written()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Reasons", "The opening post.");
        var tooLong = "I & you <b>" + new string('x', ShareReport.ReasonMaxLength);

        var empty = await people.Bob.Client.ReportPostAsync(thread, thread, "   ");
        var long_ = await people.Bob.Client.ReportPostAsync(thread, thread, tooLong);

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"text-danger field-validation-error\" id=\"reason-error\">Tell the facilitators briefly why you are reporting this post.</span>", emptyHtml, StringComparison.Ordinal);
        Assert.Matches("<textarea class=\"form-control input-validation-error\" id=\"reason\" [^>]*aria-invalid=\"true\" aria-describedby=\"reason-error\">", emptyHtml);
        Assert.Equal(HttpStatusCode.OK, long_.StatusCode);
        var longHtml = await long_.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"reason-error\">The reason must be at most {ShareReport.ReasonMaxLength} characters.</span>", longHtml, StringComparison.Ordinal);
        Assert.Matches("aria-describedby=\"reason-error\">\\s*I &amp; you &lt;b&gt;x", longHtml);
        Assert.Equal(0, await app.WithDbAsync(db => db.ShareReports.CountAsync(r => r.ShareId == thread)));
    }

    [Fact]
    public async Task The_report_page_opens_only_for_a_post_of_that_conversation_that_the_viewer_can_see()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Seen", "The opening post.");
        var otherThread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Elsewhere", "Another conversation.");
        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ReplyAsync(thread, "Only for the facilitators.", ShareAudience.FacilitatorsOnly)).StatusCode);
        var hiddenFromBob = (await app.RepliesAsync(thread)).Single(s => s.Id != thread).Id;
        var (outsiderClient, outsider) = await app.SignedInClientAsync();
        var stranger = new Person(outsiderClient, outsider);

        Assert.Equal(HttpStatusCode.OK, await people.Bob.StatusAsync(ReportPost(thread, thread)));
        Assert.Equal(HttpStatusCode.NotFound, await stranger.StatusAsync(ReportPost(thread, thread)));
        Assert.Equal(HttpStatusCode.NotFound, await people.Bob.StatusAsync(ReportPost(thread, otherThread)));
        Assert.Equal(HttpStatusCode.NotFound, await people.Bob.StatusAsync(ReportPost(thread, hiddenFromBob)));
        Assert.Equal(HttpStatusCode.NotFound, await people.Bob.StatusAsync(ReportPost(Guid.NewGuid(), thread)));
        // The stranger has no conversation page to take a form token from: the home page's.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.SubmitFormAsync("/", [new("reason", "Let me in")], ReportPost(thread, thread))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await people.Bob.Client.ReportPostAsync(thread, otherThread, "Wrong conversation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await people.Bob.Client.ReportPostAsync(thread, hiddenFromBob, "Not mine to see")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ShareReports.CountAsync()));
    }

    [Fact]
    public async Task Nobody_reports_their_own_post_or_a_withdrawn_one()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Mine", "The opening post.");

        var own = await people.Alice.GetAsync(ReportPost(thread, thread));
        Assert.Contains("You can&#x27;t report your own post. You can withdraw it instead.", own, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"reason\"", own, StringComparison.Ordinal);
        var ownPosted = await people.Alice.Client.ReportPostAsync(thread, thread, "Reporting myself");
        Assert.Equal(HttpStatusCode.OK, ownPosted.StatusCode);
        Assert.Contains("You can&#x27;t report your own post.", await ownPosted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ThreadActionAsync(thread, "Withdraw", thread)).StatusCode);
        var withdrawn = await people.Bob.GetAsync(ReportPost(thread, thread));
        Assert.Contains("This post has been withdrawn by its author, so there is nothing to report.", withdrawn, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"reason\"", withdrawn, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await people.Bob.Client.ReportPostAsync(thread, thread, "Too late")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ShareReports.CountAsync(r => r.ShareId == thread)));
        Assert.DoesNotContain("Report to the facilitators", await people.Bob.GetAsync(Thread(thread)), StringComparison.Ordinal);
    }
}
