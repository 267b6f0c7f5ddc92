using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;
using static PeerCircle.Web.Tests.Infrastructure.SharingTestData;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>The group board: conversations, replies, audience and byline, withdrawal, reports, moderation and who may do what.</summary>
public sealed class BoardTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task The_compose_form_says_plainly_that_facilitators_still_see_an_anonymous_author()
    {
        var people = await app.CreateBoardGroupAsync();

        var html = await people.Alice.GetAsync(NewThread(people.Group.Id));

        Assert.Contains("Anonymous to the group", html, StringComparison.Ordinal);
        Assert.Contains("Facilitators will still see that it was you.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Post as a facilitator", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_cannot_be_posted_says_why_at_its_field_and_keeps_what_was_written_and_chosen()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Long", "The opening post.");
        var tooLong = "I & you <b>" + new string('x', Share.TextMaxLength);

        var refused = await people.Bob.Client.ReplyAsync(thread, tooLong, ShareAudience.FacilitatorsOnly, ShareByline.Anonymous);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"<span class=\"text-danger field-validation-error\" id=\"Reply_Text-error\">What you share must be at most {Share.TextMaxLength} characters.</span>", html, StringComparison.Ordinal);
        Assert.Matches("<textarea class=\"form-control input-validation-error\" [^>]*aria-invalid=\"true\" aria-describedby=\"Reply_Text-error\">\\s*I &amp; you &lt;b&gt;x", html);
        Assert.Contains("<label class=\"form-label\" for=\"Reply_Text\">Your reply</label>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Reply-audience-facilitators\" name=\"Reply.Audience\" value=\"FacilitatorsOnly\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Reply-audience-group\" name=\"Reply.Audience\" value=\"Group\" />", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Reply-byline-anonymous\" name=\"Reply.Byline\" value=\"Anonymous\" checked=\"checked\" aria-describedby=\"Reply-anonymous-help\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("validation-summary-errors", html, StringComparison.Ordinal);

        var empty = await (await people.Bob.Client.ReplyAsync(thread, string.Empty)).Content.ReadAsStringAsync();
        Assert.Contains(">Write something to share.</span>", empty, StringComparison.Ordinal);
        Assert.Empty(await app.WithDbAsync(db => db.Shares.Where(s => s.ThreadId == thread).ToListAsync()));

        // Shown afresh, the field is empty and unmarked, with the group and the pseudonym chosen.
        var fresh = await people.Bob.GetAsync(Thread(thread));
        Assert.Matches("<textarea class=\"form-control\" rows=\"5\" id=\"Reply_Text\" maxlength=\"4000\" name=\"Reply.Text\">\\s*</textarea>", fresh);
        Assert.DoesNotContain("Reply_Text-error", fresh, StringComparison.Ordinal);
        Assert.Contains("value=\"Group\" checked=\"checked\"", fresh, StringComparison.Ordinal);
        Assert.Contains("value=\"Pseudonym\" checked=\"checked\"", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_thread_shows_Anonymous_to_members_and_the_pseudonym_with_a_label_to_facilitators()
    {
        var people = await app.CreateBoardGroupAsync();

        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Feeling stuck", "My manager ignores me.", byline: ShareByline.Anonymous);

        var bobSees = await people.Bob.GetAsync(Thread(thread));
        Assert.Contains("My manager ignores me.", bobSees, StringComparison.Ordinal);
        Assert.Contains(">Anonymous<", bobSees, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Alice.Pseudonym, bobSees, StringComparison.Ordinal);
        var bobBoard = await people.Bob.GetAsync(Board(people.Group.Id));
        Assert.Contains("Feeling stuck", bobBoard, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Alice.Pseudonym, bobBoard, StringComparison.Ordinal);

        var facilitatorSees = await people.Facilitator.GetAsync(Thread(thread));
        Assert.Contains(people.Alice.Pseudonym, facilitatorSees, StringComparison.Ordinal);
        Assert.Contains("posted anonymously to the group", facilitatorSees, StringComparison.Ordinal);

        var aliceSees = await people.Alice.GetAsync(Thread(thread));
        Assert.Contains("you, anonymous to the group", aliceSees, StringComparison.Ordinal);
        Assert.Contains("Withdraw my post", aliceSees, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitators_only_thread_and_its_replies_are_invisible_to_other_members()
    {
        var people = await app.CreateBoardGroupAsync();

        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "For the facilitators", "Something private.", ShareAudience.FacilitatorsOnly);
        var reply = await people.Facilitator.Client.ReplyAsync(thread, "Thanks for telling us.", ShareAudience.Group);

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(ShareAudience.FacilitatorsOnly, Assert.Single(await app.RepliesAsync(thread)).Audience);
        Assert.DoesNotContain("For the facilitators", await people.Bob.GetAsync(Board(people.Group.Id)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await people.Bob.StatusAsync(Thread(thread)));
        var facilitatorSees = await people.Facilitator.GetAsync(Thread(thread));
        Assert.Contains("Something private.", facilitatorSees, StringComparison.Ordinal);
        Assert.Contains("Thanks for telling us.", await people.Alice.GetAsync(Thread(thread)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_show_on_the_thread_and_the_board_marks_new_activity_since_my_last_visit()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Small wins", "I asked for help today.");

        var firstVisit = await people.Bob.GetAsync(Board(people.Group.Id));
        Assert.Contains("New activity", firstVisit, StringComparison.Ordinal);
        var secondVisit = await people.Bob.GetAsync(Board(people.Group.Id));
        Assert.DoesNotContain("New activity", secondVisit, StringComparison.Ordinal);

        await Task.Delay(20);
        Assert.Equal(HttpStatusCode.Redirect, (await people.Facilitator.Client.ReplyAsync(thread, "Well done for asking.")).StatusCode);

        var afterReply = await people.Bob.GetAsync(Board(people.Group.Id));
        Assert.Contains("New activity", afterReply, StringComparison.Ordinal);
        Assert.Contains("1 reply", afterReply, StringComparison.Ordinal);
        Assert.Contains("Well done for asking.", await people.Bob.GetAsync(Thread(thread)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_conversation_is_read_a_page_of_replies_at_a_time_and_a_new_reply_opens_the_last_page_at_it()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Long one", "The opening post.");
        var replies = ThreadModelPageSize + 5;
        await app.WithDbAsync(async db =>
        {
            var opening = await db.Shares.SingleAsync(s => s.Id == thread);
            var author = new ShareAuthor(people.Bob.User.Id, people.Group.Id, true, true, false);
            for (var i = 1; i <= replies; i++)
            {
                // Written in the hour before the opening post's clock time, so that a reply posted now is the newest.
                db.Shares.Add(Share.Reply(author, opening, $"Paged reply {i:00}.", ShareAudience.Group, ShareByline.Pseudonym, opening.CreatedUtc.AddMinutes(i - 60)));
            }

            await db.SaveChangesAsync();
        });

        // Page 1: the opening post and the oldest replies; page 2: the rest; the opening post heads both.
        var first = await people.Alice.GetAsync(Thread(thread));
        Assert.Contains($"Replies ({replies})", first, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("Paged reply 01.", first, StringComparison.Ordinal);
        Assert.Contains($"Paged reply {ThreadModelPageSize:00}.", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"Paged reply {ThreadModelPageSize + 1:00}.", first, StringComparison.Ordinal);
        Assert.Contains($"{Thread(thread)}?p=2", first, StringComparison.Ordinal);

        var second = await people.Alice.GetAsync($"{Thread(thread)}?p=2");
        Assert.Contains("The opening post.", second, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"Paged reply {ThreadModelPageSize:00}.", second, StringComparison.Ordinal);
        Assert.Contains($"Paged reply {replies:00}.", second, StringComparison.Ordinal);

        // A page number out of range shows the nearest page, never an error.
        Assert.Contains("Page 2 of 2", await people.Alice.GetAsync($"{Thread(thread)}?p=999"), StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", await people.Alice.GetAsync($"{Thread(thread)}?p=-3"), StringComparison.Ordinal);

        // A new reply takes its author to the last page, at the reply.
        var posted = await people.Alice.Client.ReplyAsync(thread, "Reply on the last page.");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var newReply = (await app.RepliesAsync(thread)).Single(r => r.Text == "Reply on the last page.");
        Assert.Equal($"{Thread(thread)}?p=last#post-{newReply.Id}", posted.Headers.Location!.OriginalString);
        var last = await people.Alice.GetAsync($"{Thread(thread)}?p=last");
        Assert.Contains("Page 2 of 2", last, StringComparison.Ordinal);
        Assert.Contains("Reply on the last page.", last, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Thread(thread)}?handler=Reply&amp;p=2\"", last, StringComparison.Ordinal);
    }

    private const int ThreadModelPageSize = PeerCircle.Web.Pages.Groups.Board.ThreadModel.RepliesPerPage;

    [Fact]
    public async Task A_reply_to_my_conversation_is_new_activity_for_me_but_my_own_posts_are_not()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Mine", "My post.");
        Assert.DoesNotContain("New activity", await people.Alice.GetAsync(Board(people.Group.Id)), StringComparison.Ordinal);
        await people.Alice.Client.ReplyAsync(thread, "My own follow-up.");
        Assert.DoesNotContain("New activity", await people.Alice.GetAsync(Board(people.Group.Id)), StringComparison.Ordinal);

        await Task.Delay(20);
        await people.Bob.Client.ReplyAsync(thread, "Bob answers.");

        Assert.Contains("New activity", await people.Alice.GetAsync(Board(people.Group.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_my_post_deletes_its_text_and_leaves_a_tombstone()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Rough day", "I cried at my desk.");

        var response = await people.Alice.Client.ThreadActionAsync(thread, "Withdraw", thread);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.ShareAsync(thread);
        Assert.Null(stored.Text);
        Assert.Null(stored.Title);
        Assert.NotNull(stored.WithdrawnUtc);
        var bobSees = await people.Bob.GetAsync(Thread(thread));
        Assert.Contains("Withdrawn by its author", bobSees, StringComparison.Ordinal);
        Assert.DoesNotContain("I cried at my desk.", bobSees, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Alice.Pseudonym, bobSees, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_can_withdraw_someone_elses_post_not_even_a_facilitator()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Mine", "Only I can take this back.");

        var byBob = await people.Bob.Client.ThreadActionAsync(thread, "Withdraw", thread);
        var byFacilitator = await people.Facilitator.Client.ThreadActionAsync(thread, "Withdraw", thread);

        Assert.Equal(HttpStatusCode.OK, byBob.StatusCode);
        Assert.Contains("Only the person who wrote this can withdraw it.", await byBob.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byFacilitator.StatusCode);
        Assert.Equal("Only I can take this back.", (await app.ShareAsync(thread)).Text);
    }

    [Fact]
    public async Task A_report_reaches_the_facilitators_review_queue_and_the_audit_log_and_the_author_is_not_told_who()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "About my team", "Names a colleague.");

        var response = await people.Bob.Client.ReportPostAsync(thread, thread, "It names someone at work");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var queue = await people.Facilitator.GetAsync(Reports(people.Group.Id));
        Assert.Contains("It names someone at work", queue, StringComparison.Ordinal);
        Assert.Contains("Names a colleague.", queue, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Bob.Pseudonym, queue, StringComparison.Ordinal);
        var aliceSees = await people.Alice.GetAsync(Thread(thread));
        Assert.DoesNotContain(people.Bob.Pseudonym, aliceSees, StringComparison.Ordinal);
        Assert.DoesNotContain("It names someone at work", aliceSees, StringComparison.Ordinal);
        var report = await app.WithDbAsync(db => db.ShareReports.AsNoTracking().SingleAsync(r => r.ShareId == thread));
        var entry = Assert.Single(await app.AuditAsync(report.Id));
        Assert.Equal(AuditActions.ShareReported, entry.Action);
        Assert.Equal(people.Bob.Id, entry.ActorId);
        Assert.Equal(people.Group.Id, entry.GroupId);

        Assert.Equal(HttpStatusCode.NotFound, await people.Bob.StatusAsync(Reports(people.Group.Id)));
        var close = await people.Facilitator.Client.SubmitFormAsync(Reports(people.Group.Id), [new("reportId", report.Id.ToString())], $"{Reports(people.Group.Id)}?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.Contains("No open reports.", await people.Facilitator.GetAsync(Reports(people.Group.Id)), StringComparison.Ordinal);
        Assert.Equal([AuditActions.ShareReported, AuditActions.ReportClosed], (await app.AuditAsync(report.Id)).Select(a => a.Action));
    }

    [Fact]
    public async Task Hiding_a_post_removes_it_from_the_group_keeps_it_for_the_author_and_facilitators_and_is_audited()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Heated", "Something unkind.");

        var hide = await people.Facilitator.Client.ThreadActionAsync(thread, "Hide", thread, "Breaks the agreement");

        Assert.Equal(HttpStatusCode.Redirect, hide.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await people.Bob.StatusAsync(Thread(thread)));
        Assert.DoesNotContain("Heated", await people.Bob.GetAsync(Board(people.Group.Id)), StringComparison.Ordinal);
        var aliceSees = await people.Alice.GetAsync(Thread(thread));
        Assert.Contains("A moderator has hidden this post from the group.", aliceSees, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Facilitator.Pseudonym, aliceSees, StringComparison.Ordinal);
        Assert.Contains("Hidden from the group by a moderator. Kept for review.", await people.Facilitator.GetAsync(Thread(thread)), StringComparison.Ordinal);
        var entry = Assert.Single(await app.AuditAsync(thread));
        Assert.Equal((AuditActions.ShareHidden, people.Facilitator.Id, "Breaks the agreement"), (entry.Action, entry.ActorId, entry.Reason));

        var unhide = await people.Facilitator.Client.ThreadActionAsync(thread, "Unhide", thread, "Reviewed");
        Assert.Equal(HttpStatusCode.Redirect, unhide.StatusCode);
        Assert.Contains("Something unkind.", await people.Bob.GetAsync(Thread(thread)), StringComparison.Ordinal);
        Assert.Equal([AuditActions.ShareHidden, AuditActions.ShareUnhidden], (await app.AuditAsync(thread)).Select(a => a.Action));
    }

    [Fact]
    public async Task A_member_cannot_hide_or_pin_and_nothing_changes()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Ordinary", "Just a post.");

        var hide = await people.Bob.Client.ThreadActionAsync(thread, "Hide", thread, "x");
        var pin = await people.Bob.Client.ThreadActionAsync(thread, "Pin");

        Assert.Equal(HttpStatusCode.OK, hide.StatusCode);
        Assert.Contains("Only the group&#x27;s facilitators can moderate its posts.", await hide.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        var stored = await app.ShareAsync(thread);
        Assert.False(stored.IsHidden);
        Assert.False(stored.IsPinned);
        Assert.Empty(await app.AuditAsync(thread));
    }

    [Fact]
    public async Task A_facilitator_of_another_group_gets_404_and_cannot_moderate_this_board()
    {
        var people = await app.CreateBoardGroupAsync();
        var other = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Ours", "Stays in our group.");

        Assert.Equal(HttpStatusCode.NotFound, await other.Facilitator.StatusAsync(Thread(thread)));
        Assert.Equal(HttpStatusCode.NotFound, await other.Facilitator.StatusAsync(Board(people.Group.Id)));
        Assert.Equal(HttpStatusCode.NotFound, await other.Facilitator.StatusAsync(Reports(people.Group.Id)));
        var token = await other.Facilitator.Client.FormTokenAsync(NewThread(other.Group.Id));
        var hide = await other.Facilitator.Client.PostFormAsync($"{Thread(thread)}?handler=Hide", token, [new("shareId", thread.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, hide.StatusCode);

        // An id from my own board's thread with a post of another board: 404 as well.
        var ownThread = await other.Alice.Client.StartThreadAsync(other.Group.Id, "Theirs", "Other board.");
        var crossed = await other.Facilitator.Client.ThreadActionAsync(ownThread, "Hide", thread, "x");
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        Assert.False((await app.ShareAsync(thread)).IsHidden);
    }

    [Fact]
    public async Task Admins_and_people_outside_the_group_get_404_for_the_board_and_its_conversations()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Private", "For the group.");
        var (adminClient, _) = await app.SignedInClientAsync(Roles.Admin, Roles.SafeguardingLead);
        var (outsiderClient, _) = await app.SignedInClientAsync();

        foreach (var client in new[] { adminClient, outsiderClient })
        {
            foreach (var url in new[] { Board(people.Group.Id), NewThread(people.Group.Id), Thread(thread), Reports(people.Group.Id) })
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Pinned_conversations_come_first_and_pinning_is_audited()
    {
        var people = await app.CreateBoardGroupAsync();
        var older = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Older conversation", "First.");
        await Task.Delay(20);
        await people.Bob.Client.StartThreadAsync(people.Group.Id, "Newer conversation", "Second.");

        var before = await people.Bob.GetAsync(Board(people.Group.Id));
        Assert.True(before.IndexOf("Newer conversation", StringComparison.Ordinal) < before.IndexOf("Older conversation", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await people.Facilitator.Client.ThreadActionAsync(older, "Pin")).StatusCode);

        var after = await people.Bob.GetAsync(Board(people.Group.Id));
        Assert.True(after.IndexOf("Older conversation", StringComparison.Ordinal) < after.IndexOf("Newer conversation", StringComparison.Ordinal));
        Assert.Contains("Pinned", after, StringComparison.Ordinal);
        Assert.Equal(AuditActions.ThreadPinned, Assert.Single(await app.AuditAsync(older)).Action);
    }

    [Fact]
    public async Task A_facilitator_posts_a_prompt_and_a_member_cannot()
    {
        var people = await app.CreateBoardGroupAsync();

        var prompt = await people.Facilitator.Client.StartThreadAsync(people.Group.Id, "This week", "What helped you this week?", asPrompt: true);
        var refused = await people.Bob.Client.SubmitFormAsync(NewThread(people.Group.Id),
            [new("Input.Title", "Fake prompt"), new("Input.Text", "x"), new("Input.AsPrompt", "true")]);

        Assert.True((await app.ShareAsync(prompt)).IsPrompt);
        Assert.Contains("Prompt", await people.Bob.GetAsync(Board(people.Group.Id)), StringComparison.Ordinal);
        Assert.Equal(AuditActions.PromptPosted, Assert.Single(await app.AuditAsync(prompt)).Action);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Only the group&#x27;s facilitators can post a prompt.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_is_shown_as_plain_text_with_paragraphs_and_only_http_links_are_made_clickable_safely()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "<b>Bold</b> title",
            "First <script>alert(1)</script> line\n\nSecond paragraph with https://example.org/help?a=1&b=2. And javascript:alert(2) too.");

        var html = await people.Bob.GetAsync(Thread(thread));

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<p>First &lt;script&gt;alert(1)&lt;/script&gt; line</p><p>Second paragraph", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/help?a=1&amp;b=2\" rel=\"nofollow noopener noreferrer ugc\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_page_title_never_carries_what_was_shared()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Secret title words", "Body.");

        var html = await people.Bob.GetAsync(Thread(thread));

        Assert.Contains("<title>Conversation &#x2013; PeerCircle</title>", html, StringComparison.Ordinal);
        Assert.Contains("Secret title words", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_page_links_its_members_to_the_board()
    {
        var people = await app.CreateBoardGroupAsync();
        var (outsiderClient, _) = await app.SignedInClientAsync();

        Assert.Contains(Board(people.Group.Id), await people.Alice.GetAsync($"/Groups/Details/{people.Group.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Board(people.Group.Id), await outsiderClient.GetStringAsync(new Uri($"/Groups/Details/{people.Group.Id}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_the_app()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Pin me", "Text.");
        await people.Facilitator.Client.ThreadActionAsync(thread, "Pin");

        var update = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.RecordId == thread);
            db.Entry(entry).Property(a => a.Reason).CurrentValue = "rewritten";
            await db.SaveChangesAsync();
        }));
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.RecordId == thread));
            await db.SaveChangesAsync();
        }));
        // Changed behind EF Core's back (its private setter), so only the change tracker's own comparison finds it.
        var changedUnseen = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.RecordId == thread);
            typeof(AuditEntry).GetProperty(nameof(AuditEntry.Reason))!.SetValue(entry, "rewritten");
            await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", changedUnseen.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await app.AuditAsync(thread)).Reason);
    }

    [Fact]
    public async Task A_hide_based_on_a_stale_read_is_refused_when_the_post_was_withdrawn_at_the_same_moment()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Race", "Withdrawn while being hidden.");
        await using var moderatorScope = app.Services.CreateAsyncScope();
        var moderatorDb = moderatorScope.ServiceProvider.GetRequiredService<PeerCircle.Data.PeerCircleDbContext>();
        var staleCopy = await moderatorDb.Shares.SingleAsync(s => s.Id == thread);

        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ThreadActionAsync(thread, "Withdraw", thread)).StatusCode);
        staleCopy.Hide(new ShareModerator(people.Facilitator.Id, people.Group.Id, true), DateTime.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => moderatorDb.SaveChangesAsync());
        var stored = await app.ShareAsync(thread);
        Assert.Null(stored.Text);
        Assert.False(stored.IsHidden);
    }

    [Fact]
    public async Task Each_post_s_forms_post_to_the_conversation_with_their_handler_and_page()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Forms", "The opening post.");
        Assert.Equal(HttpStatusCode.Redirect, (await people.Bob.Client.ReplyAsync(thread, "Bob's reply.")).StatusCode);

        var html = await people.Bob.Client.GetStringAsync(new Uri(Thread(thread), UriKind.Relative));

        // The addresses are written once per page without a route lookup each (issue 9); they must be the ones
        // the page's handlers answer: the conversation's address, the handler, the page of replies.
        Assert.Contains($"action=\"{Thread(thread)}?handler=Withdraw&amp;p=1\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Thread(thread)}?handler=Reply&amp;p=1\"", html, StringComparison.Ordinal);
        // Reporting is a link per post to the report page for this conversation and page, whose form posts back to it.
        Assert.Contains($"href=\"{ReportPost(thread, thread).Replace("&", "&amp;", StringComparison.Ordinal)}\"", html, StringComparison.Ordinal);
        var reportPage = await people.Bob.GetAsync(ReportPost(thread, thread));
        Assert.Contains($"action=\"/Groups/Board/ReportPost/{thread}?shareId={thread}&amp;p=1\"", reportPage, StringComparison.Ordinal);
        var report = await people.Bob.Client.ReportPostAsync(thread, thread, "Checking the form's address.");
        Assert.Equal(HttpStatusCode.Redirect, report.StatusCode);

        // A facilitator's forms and links: pin, hide, and the author's and the concern's pages, which open.
        var facilitator = await people.Facilitator.Client.GetStringAsync(new Uri(Thread(thread), UriKind.Relative));
        Assert.Contains($"action=\"{Thread(thread)}?handler=Pin&amp;p=1\"", facilitator, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Thread(thread)}?handler=Hide&amp;p=1\"", facilitator, StringComparison.Ordinal);
        foreach (var link in new[] { $"/Groups/Board/Member/{thread}", $"/Facilitate/Concerns/New/{thread}" })
        {
            Assert.Contains($"href=\"{link}\"", facilitator, StringComparison.Ordinal);
            using var opened = await people.Facilitator.Client.GetAsync(new Uri(link, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }
    }
}
