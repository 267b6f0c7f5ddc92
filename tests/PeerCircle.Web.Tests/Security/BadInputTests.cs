using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Security;

/// <summary>
/// Bad input for every form: each POST handler of the access matrix is sent, by a viewer allowed to use
/// it, every field of its form (read from the page, hidden fields included) set to each payload. The
/// answer is a page with a validation message, a redirect, 400 or 404: never a 5xx, never the markup
/// rendered unescaped; afterwards no page shows stored markup, and nothing of the other group or of
/// anyone's roles changed.
/// </summary>
public sealed partial class BadInputTests(PeerCircleAppFactory app, ITestOutputHelper output) : IClassFixture<PeerCircleAppFactory>
{
    private const string Script = "<script>alert('pc-xss')</script>";
    private const string Html = "<img src=x onerror=alert('pc-xss')><b>pc-bold</b>";

    /// <summary>Name, and the value as it goes on the wire (already form-encoded).</summary>
    public static IReadOnlyList<(string Name, Func<AccessWorld, string> Encoded)> Payloads { get; } =
    [
        ("empty", _ => ""),
        ("100 KB", _ => new string('x', 100 * 1024)),
        ("control characters", _ => Uri.EscapeDataString("a\u0000b\u0001c\u001b[2J\u202e\r\n\t\u0085d")),
        ("invalid UTF-8", _ => "%FF%FE%C3%28%ED%A0%80%F8"),
        ("script", _ => Uri.EscapeDataString(Script)),
        ("HTML", _ => Uri.EscapeDataString(Html)),
        ("SQL metacharacters", _ => Uri.EscapeDataString("' OR '1'='1'; DROP TABLE Shares; -- \" ; SELECT * FROM AspNetUsers /*")),
        ("far past date", _ => "0001-01-01T00%3A00"),
        ("far future date", _ => "9999-12-31T23%3A59"),
        ("negative number", _ => "-1"),
        ("huge number", _ => "-99999999999999999999999"),
        ("another group's id", w => w.Ids["otherGroup"]),
        ("a role", _ => "Admin"),
    ];

    private static readonly Viewer[] s_preference = [Viewer.Facilitator, Viewer.Member, Viewer.Lead, Viewer.Admin, Viewer.Anonymous];

    [Fact]
    public async Task Every_form_answers_bad_input_with_a_message_or_400_or_404_and_never_renders_it()
    {
        var world = await AccessWorld.CreateAsync(app);
        var tokens = new Dictionary<Viewer, string>();
        foreach (var (viewer, client) in world.Clients)
        {
            tokens[viewer] = await client.FormTokenAsync(viewer == Viewer.Anonymous ? "/Identity/Account/Login" : "/Identity/Account/Manage/ChangePassword");
        }

        var wrong = new List<string>();
        int forms = 0, requests = 0, fields = 0;
        var entries = AccessMatrix.Entries
            .Where(e => e.Key.StartsWith("POST ", StringComparison.Ordinal) && e.Key != "POST /Error"
                && !e.Key.Contains("SignOutEverywhere", StringComparison.Ordinal) && !e.Key.EndsWith("/Logout", StringComparison.Ordinal))
            .OrderBy(e => e.RunLast)
            .ToList();
        foreach (var entry in entries)
        {
            var outcomes = entry.Outcomes.Split(' ');
            var viewer = s_preference.FirstOrDefault(v => outcomes[(int)v] is "200" or "302", (Viewer)(-1));
            if (viewer == (Viewer)(-1))
            {
                continue;
            }

            var names = await FormFieldsAsync(world, entry, viewer);
            forms++;
            fields += names.Count;
            foreach (var (payload, encoded) in Payloads)
            {
                using var request = entry.Request(world, tokens[viewer]);
                var value = encoded(world);
                var body = new StringBuilder(await request.Content!.ReadAsStringAsync());
                foreach (var name in names)
                {
                    body.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(value);
                }

                request.Content = new StringContent(body.ToString(), Encoding.ASCII, "application/x-www-form-urlencoded");
                var response = await world.Clients[viewer].SendAsync(request);
                var html = await response.Content.ReadAsStringAsync();
                requests++;
                var status = (int)response.StatusCode;
                if (status >= 500 || status is not (200 or 302 or 400 or 404))
                {
                    wrong.Add($"{viewer} {entry.Key} [{payload}]: {status}");
                }

                if (html.Contains("<script>alert(", StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal) || html.Contains("<b>pc-bold", StringComparison.Ordinal))
                {
                    wrong.Add($"{viewer} {entry.Key} [{payload}]: markup rendered unescaped");
                }
            }
        }

        output.WriteLine($"Bad input: {forms} forms ({fields} fields), {Payloads.Count} payloads each, {requests} requests.");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(forms >= 80 && requests == forms * Payloads.Count, $"{forms} forms, {requests} requests");

        // Stored markup is shown escaped everywhere it can appear, to everyone.
        foreach (var entry in AccessMatrix.Entries.Where(e => e.Key.StartsWith("GET /", StringComparison.Ordinal) && !e.Key.Contains("{*", StringComparison.Ordinal)))
        {
            foreach (var viewer in Enum.GetValues<Viewer>())
            {
                using var request = entry.Request(world, null);
                var response = await world.Clients[viewer].SendAsync(request);
                var html = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500 || entry.Key == "GET /Error", $"{viewer} {entry.Key}: {(int)response.StatusCode}");
                // (The CSV exports carry the text as it is, quoted and never read as a formula; only pages are HTML.)
                var isHtml = response.Content.Headers.ContentType?.MediaType == "text/html";
                Assert.False(isHtml && (html.Contains("<script>alert(", StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal) || html.Contains("<b>pc-bold", StringComparison.Ordinal)),
                    $"{viewer} {entry.Key} renders stored markup unescaped");
            }
        }

        // Forged ids and roles changed nothing the sender may not change.
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var viewer in new[] { Viewer.Member, Viewer.OtherMember, Viewer.Facilitator, Viewer.OtherFacilitator, Viewer.Lead })
        {
            var roles = await users.GetRolesAsync((await users.FindByIdAsync(world.Users[viewer]!.Id.ToString()))!);
            Assert.DoesNotContain(Roles.Admin, roles);
        }

        var otherThread = await app.ShareAsync(Guid.Parse(world.Ids["otherThread"]));
        Assert.Equal(AccessWorld.OtherCanary, otherThread.Text);
        Assert.Null(otherThread.HiddenUtc);
        Assert.Equal(0, await app.WithDbAsync(db => db.Shares.CountAsync(s => s.ThreadId == otherThread.Id)));
    }

    /// <summary>The names of the fields of the page's form for this handler (hidden ones included).</summary>
    private static async Task<IReadOnlyList<string>> FormFieldsAsync(AccessWorld world, MatrixEntry entry, Viewer viewer)
    {
        var parts = entry.Key.Split(' ');
        var page = new MatrixEntry($"GET {parts[1]}", string.Join('&', entry.Args.Split('&').Where(a => a.Length > 0 && parts[1].Contains("{" + a.Split('=')[0], StringComparison.Ordinal))), "");
        using var request = page.Request(world, null);
        var response = await world.Clients[viewer].SendAsync(request);
        var html = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : string.Empty;
        var forms = Form().Matches(html).Select(m => m.Value).Where(f => f.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase)).ToList();
        var handler = parts.Length > 2 ? parts[2] : null;
        var chosen = forms.Where(f =>
        {
            var action = Action().Match(f).Groups[1].Value;
            return handler is null
                ? !action.Contains("handler=", StringComparison.OrdinalIgnoreCase)
                : action.Contains("handler=" + handler, StringComparison.OrdinalIgnoreCase);
        }).ToList();
        var names = (chosen.Count > 0 ? chosen : forms).SelectMany(f => Field().Matches(f).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        var fromArgs = entry.Args.Split('&').Select(a => a.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        return names.Where(n => n != "__RequestVerificationToken" && !fromArgs.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("\\baction=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Action();

    [GeneratedRegex("<(?:input|textarea|select|button)\\b[^>]*?\\bname=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Field();
}
