using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;
using PeerCircle.E2E.Infrastructure;

namespace PeerCircle.E2E.Accessibility;

/// <summary>
/// Every Razor page of the app, mapped to a concrete address with seeded ids. The list of pages comes from
/// the running app's endpoints (<see cref="PageKeys"/>), so a page added without an entry in
/// <see cref="Visits"/> fails <c>Every_page_of_the_app_has_an_address_in_the_sweep</c>.
/// </summary>
public static class PageSweep
{
    /// <summary>Each page (area-qualified view path) and how to reach it. Logout comes last: visiting it may sign out.</summary>
    public static IReadOnlyList<(string Page, Func<SweepWorld, string> Url)> Visits { get; } =
    [
        ("/Index", _ => "/"),
        ("/Error", _ => "/Error?code=500"),
        ("/Help/Index", _ => "/Help"),
        ("/Help/Support", _ => "/Help/Support"),
        ("/Groups/Index", _ => "/Groups"),
        ("/Groups/Details", w => $"/Groups/Details/{w.GroupId}"),
        ("/Groups/Join", w => $"/Groups/Join/{w.OtherGroupId}"),
        ("/Groups/Board/Index", w => $"/Groups/Board/{w.GroupId}"),
        ("/Groups/Board/New", w => $"/Groups/Board/New/{w.GroupId}"),
        ("/Groups/Board/Thread", w => $"/Groups/Board/Thread/{w.ThreadId}"),
        ("/Groups/Board/ReportPost", w => $"/Groups/Board/ReportPost/{w.ThreadId}?p=1&shareId={w.ThreadId}"),
        ("/Groups/Board/Reports", w => $"/Groups/Board/Reports/{w.GroupId}"),
        ("/Groups/Board/Member", w => $"/Groups/Board/Member/{w.ThreadId}"),
        ("/Concerns/Worried", w => $"/Concerns/Worried/{w.GroupId}"),
        ("/Sessions/Mine", _ => "/Sessions/Mine"),
        ("/Sessions/Details", w => $"/Sessions/Details/{w.SessionId}"),
        ("/Sessions/Room", w => $"/Sessions/Room/{w.SessionId}"),
        ("/Notifications/Index", _ => "/Notifications"),
        ("/Calendar/Feed", w => $"/Calendar/Feed/{w.CalendarToken}"),
        ("/Facilitate/Index", _ => "/Facilitate"),
        ("/Facilitate/Training", _ => "/Facilitate/Training"),
        ("/Facilitate/Insight/Index", _ => "/Facilitate/Insight"),
        ("/Facilitate/Sessions/Run", w => $"/Facilitate/Sessions/Run/{w.SessionId}"),
        ("/Facilitate/Signpost", w => $"/Facilitate/Signpost/{w.GroupId}/{w.MemberId}"),
        ("/Facilitate/Concerns/Index", _ => "/Facilitate/Concerns"),
        ("/Facilitate/Concerns/New", w => $"/Facilitate/Concerns/New/{w.ThreadId}"),
        ("/Facilitate/Concerns/Draft", w => $"/Facilitate/Concerns/Draft/{w.DraftConcernId}"),
        ("/Safeguarding/Index", _ => "/Safeguarding"),
        ("/Safeguarding/Concern", w => $"/Safeguarding/Concern/{w.OpenConcernId}"),
        ("/Admin/Index", _ => "/Admin"),
        ("/Admin/Groups/Index", _ => "/Admin/Groups"),
        ("/Admin/Groups/Edit", w => $"/Admin/Groups/Edit/{w.GroupId}"),
        ("/Admin/Groups/Agreement", w => $"/Admin/Groups/Agreement/{w.GroupId}"),
        ("/Admin/Groups/Facilitators", w => $"/Admin/Groups/Facilitators/{w.GroupId}"),
        ("/Admin/Groups/Schedule", w => $"/Admin/Groups/Schedule/{w.GroupId}"),
        ("/Admin/Sessions/Edit", w => $"/Admin/Sessions/Edit/{w.SessionId}"),
        ("/Admin/Users/Index", _ => "/Admin/Users"),
        ("/Admin/Users/Details", w => $"/Admin/Users/Details/{w.MemberId}"),
        ("/Admin/Help/Index", _ => "/Admin/Help"),
        ("/Admin/Help/Edit", w => $"/Admin/Help/Edit/{w.HelpEntryId}"),
        ("/Admin/Invitations/Index", _ => "/Admin/Invitations"),
        ("/Admin/RiskPhrases/Index", _ => "/Admin/RiskPhrases"),
        ("/Admin/Settings/Index", _ => "/Admin/Settings"),
        ("/Admin/Training/Index", _ => "/Admin/Training"),
        ("/Admin/Insight/Index", _ => "/Admin/Insight"),
        ("/Admin/Audit/Index", _ => "/Admin/Audit"),
        ("/Admin/OneToOne/Index", _ => "/Admin/OneToOne"),
        ("/OneToOne/Index", _ => "/OneToOne"),
        ("/OneToOne/Supporter", _ => "/OneToOne/Supporter"),
        ("/OneToOne/Ask", _ => "/OneToOne/Ask"),
        ("/OneToOne/Choose", w => $"/OneToOne/Choose/{w.OpenRequestId}"),
        ("/OneToOne/Respond", w => $"/OneToOne/Respond/{w.AskId}"),
        ("/OneToOne/Pairing", w => $"/OneToOne/Pairing/{w.PairingId}"),
        ("/OneToOne/Concern", w => $"/OneToOne/Concern/{w.PairingId}"),
        ("/OneToOne/Signpost", w => $"/OneToOne/Signpost/{w.PairingId}"),
        ("/Identity/Account/Login", _ => "/Identity/Account/Login"),
        ("/Identity/Account/LoginWith2fa", _ => "/Identity/Account/LoginWith2fa"),
        ("/Identity/Account/LoginWithRecoveryCode", _ => "/Identity/Account/LoginWithRecoveryCode"),
        ("/Identity/Account/Lockout", _ => "/Identity/Account/Lockout"),
        ("/Identity/Account/AccessDenied", _ => "/Identity/Account/AccessDenied"),
        ("/Identity/Account/Register", _ => "/Identity/Account/Register"),
        ("/Identity/Account/RegisterConfirmation", _ => "/Identity/Account/RegisterConfirmation"),
        ("/Identity/Account/ConfirmEmail", w => $"/Identity/Account/ConfirmEmail?userId={w.UnconfirmedId}&code={w.ConfirmCode}"),
        ("/Identity/Account/ConfirmEmailChange", w => $"/Identity/Account/ConfirmEmailChange?userId={w.UnconfirmedId}&email=new-{w.UnconfirmedId:N}%40example.test&code={w.ChangeCode}"),
        ("/Identity/Account/ResendEmailConfirmation", _ => "/Identity/Account/ResendEmailConfirmation"),
        ("/Identity/Account/ForgotPassword", _ => "/Identity/Account/ForgotPassword"),
        ("/Identity/Account/ForgotPasswordConfirmation", _ => "/Identity/Account/ForgotPasswordConfirmation"),
        ("/Identity/Account/ResetPassword", w => $"/Identity/Account/ResetPassword?code={w.ResetCode}"),
        ("/Identity/Account/ResetPasswordConfirmation", _ => "/Identity/Account/ResetPasswordConfirmation"),
        ("/Identity/Account/Manage/Index", _ => "/Identity/Account/Manage"),
        ("/Identity/Account/Manage/Email", _ => "/Identity/Account/Manage/Email"),
        ("/Identity/Account/Manage/ChangePassword", _ => "/Identity/Account/Manage/ChangePassword"),
        ("/Identity/Account/Manage/TwoFactor", _ => "/Identity/Account/Manage/TwoFactor"),
        ("/Identity/Account/Manage/EnableAuthenticator", _ => "/Identity/Account/Manage/EnableAuthenticator"),
        ("/Identity/Account/Manage/ShowRecoveryCodes", _ => "/Identity/Account/Manage/ShowRecoveryCodes"),
        ("/Identity/Account/Manage/Reauthenticate", _ => "/Identity/Account/Manage/Reauthenticate"),
        ("/Identity/Account/Manage/Calendar", _ => "/Identity/Account/Manage/Calendar"),
        ("/Identity/Account/Manage/MyData", _ => "/Identity/Account/Manage/MyData"),
        ("/Identity/Account/Logout", _ => "/Identity/Account/Logout"),
    ];

    /// <summary>Every Razor page the running app routes to, as "/Area/Folder/Page" (area first when there is one).</summary>
    public static IReadOnlySet<string> PageKeys(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>())
            .OfType<PageActionDescriptor>()
            .Select(d => string.IsNullOrEmpty(d.AreaName) ? d.ViewEnginePath : $"/{d.AreaName}{d.ViewEnginePath}")
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// One person per role (a member of the group, its facilitator, a safeguarding lead, an admin), the group
    /// with a live session, a board thread, a draft and an open concern, a second (by-request) group to join,
    /// the member paired one-to-one with the facilitator (a message, a booked check-in, a goal), a waiting ask
    /// to the facilitator, an open request of the admin's, and the links an email would carry (confirm, change
    /// email, reset password).
    /// </summary>
    public static async Task<SweepWorld> SeedAsync(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var member = await app.CreatePersonAsync("Sparrow");
        var facilitator = await app.CreatePersonAsync("Osprey", Roles.Facilitator);
        var lead = await app.CreatePersonAsync("Plover", Roles.SafeguardingLead);
        var admin = await app.CreatePersonAsync("Merlin", Roles.Admin);
        var setup = await app.ScheduleOnlineSessionAsync(facilitator.Email, [member.Email], TimeSpan.FromMinutes(5));
        await app.StartSessionAsync(setup, facilitator.Email);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var now = DateTime.UtcNow;
        var memberUser = await users.FindByEmailAsync(member.Email) ?? throw new InvalidOperationException("member missing");
        var facilitatorId = await app.UserIdAsync(facilitator.Email);

        var other = new Group(new GroupDetails($"Sweep by request {Guid.NewGuid().ToString("N")[..6]}", "A group that asks before you join.",
            [Topic.Anxiety], GroupFormat.Online, "PeerCircle live room", "Europe/London", 8, JoinPolicy.ByRequest, true, false), LiveSessions.Agreement, now);
        db.Groups.Add(other);

        var thread = Share.StartThread(new ShareAuthor(memberUser.Id, setup.GroupId, true, true, false),
            SharedText.Mark("Rotas again"), SharedText.Mark("The new rota leaves me no time to sleep. How do you all cope?"), ShareAudience.Group, ShareByline.Pseudonym, now);
        db.Shares.Add(thread);
        var draft = Concern.Detected(thread, now);
        var open = Concern.RaisedByFacilitator(facilitatorId, true, thread, SharedText.Mark("They sounded exhausted and alone."), now);
        db.Concerns.AddRange(draft, open);

        // One-to-one. The facilitator's caseload is full with the member, so other tests never get them proposed.
        var asker = await app.CreatePersonAsync("Wren");
        var askerId = await app.UserIdAsync(asker.Email);
        var adminId = await app.UserIdAsync(admin.Email);
        var evenings = WeeklyAvailability.Create("Europe/London", [new WeeklyWindow(DayOfWeek.Wednesday, new TimeOnly(18, 0), new TimeOnly(21, 0))]);
        db.SupporterProfiles.Add(SupporterProfile.OptIn(facilitatorId, true,
            new SupporterDetails("Peer supporter who found the first job hard.", [Topic.Anxiety], ["English"], evenings, 1, true), now));
        SupportRequest Request(Guid memberId) => SupportRequest.Create(memberId, false, false, [Topic.Anxiety], null, evenings, null, now.AddHours(-3));
        Pairing Ask(SupportRequest request, Guid memberId) =>
            Pairing.Ask(request, memberId, [new SupporterProposal(facilitatorId, "x", "x", [Topic.Anxiety], 180)], facilitatorId, false, now.AddHours(-2));
        var memberRequest = Request(memberUser.Id);
        var pairing = Ask(memberRequest, memberUser.Id);
        pairing.Accept(facilitatorId, memberRequest, true, 0, 1, now.AddHours(-1));
        db.Shares.Add(pairing.Message(memberUser.Id, SharedText.Mark("Thank you for listening last week."), now));
        var checkIn = pairing.ProposeCheckIn(memberUser.Id, now.AddDays(3), 30, now);
        checkIn.Accept(pairing, facilitatorId, now);
        var goal = pairing.AddGoal(memberUser.Id, SharedText.Mark("Ask for a regular rota"), 0, now);
        goal.AddStep(pairing, memberUser.Id, SharedText.Mark("Write down what I need"), now);
        var askerRequest = Request(askerId);
        var ask = Ask(askerRequest, askerId);
        var openRequest = Request(adminId);
        db.SupportRequests.AddRange(memberRequest, askerRequest, openRequest);
        db.Pairings.AddRange(pairing, ask);
        db.PairCheckIns.Add(checkIn);
        db.Goals.Add(goal);

        memberUser.CalendarFeedToken = WebEncoders.Base64UrlEncode(Guid.NewGuid().ToByteArray());
        await users.UpdateAsync(memberUser);
        await db.SaveChangesAsync();

        var unconfirmed = new ApplicationUser
        {
            UserName = $"unconfirmed-{Guid.NewGuid():N}@example.test", Email = $"unconfirmed-{Guid.NewGuid():N}@example.test",
            Pseudonym = $"Sweep new {Guid.NewGuid().ToString("N")[..6]}", CreatedUtc = now, AgeConfirmedUtc = now, AgeConfirmedMinimum = 18,
        };
        var created = await users.CreateAsync(unconfirmed, AppFixture.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

        return new SweepWorld(
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Anonymous"] = null, [Roles.Member] = member.Email, [Roles.Facilitator] = facilitator.Email,
                [Roles.SafeguardingLead] = lead.Email, [Roles.Admin] = admin.Email,
            },
            setup.GroupId, other.Id, setup.SessionId, thread.Id, draft.Id, open.Id, memberUser.Id,
            await db.HelpEntries.OrderBy(h => h.Id).Select(h => h.Id).FirstAsync(),
            memberUser.CalendarFeedToken!,
            unconfirmed.Id,
            Encode(await users.GenerateEmailConfirmationTokenAsync(unconfirmed)),
            Encode(await users.GenerateChangeEmailTokenAsync(unconfirmed, $"new-{unconfirmed.Id:N}@example.test")),
            Encode(await users.GeneratePasswordResetTokenAsync(memberUser)),
            pairing.Id, ask.Id, openRequest.Id);
    }

    /// <summary>
    /// Removes the concerns the sweep made once it is done: the browser tests share one app, and the
    /// safeguarding flow opens the oldest open concern on the leads' list.
    /// </summary>
    public static async Task RemoveConcernsAsync(AppFixture app, SweepWorld world)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(world);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        await db.Concerns.Where(c => c.Id == world.DraftConcernId || c.Id == world.OpenConcernId).ExecuteDeleteAsync();
    }

    public static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The part of an address that names the page a visitor ended up on (the sign-in and access-denied pages carry a return address).</summary>
    public static string Landing(Uri url) =>
        url.AbsolutePath is "/Identity/Account/Login" or "/Identity/Account/AccessDenied" ? url.AbsolutePath : url.PathAndQuery;
}

/// <summary>The seeded records the sweep's addresses point at, and the email address of the person for each role.</summary>
public sealed record SweepWorld(
    IReadOnlyDictionary<string, string?> People,
    Guid GroupId, Guid OtherGroupId, Guid SessionId, Guid ThreadId, Guid DraftConcernId, Guid OpenConcernId, Guid MemberId,
    Guid HelpEntryId, string CalendarToken, Guid UnconfirmedId, string ConfirmCode, string ChangeCode, string ResetCode,
    Guid PairingId, Guid AskId, Guid OpenRequestId);
