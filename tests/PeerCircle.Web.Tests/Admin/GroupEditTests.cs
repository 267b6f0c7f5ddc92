using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

public sealed partial class GroupEditTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string ConflictMessage = "This group was changed by someone else while you were editing. Your changes were not saved; here is the current version.";

    private static List<KeyValuePair<string, string>> Form(
        string name, string description = "A calm space to talk about work.", string capacity = "10", string timeZone = "America/New_York",
        string[]? topics = null, string format = "Hybrid", string? agreement = "Be kind. Phones away.", string joinPolicy = "ByRequest")
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", name),
            new("Input.Description", description),
            new("Input.Format", format),
            new("Input.Location", "Community centre, room 2"),
            new("Input.TimeZoneId", timeZone),
            new("Input.Capacity", capacity),
            new("Input.JoinPolicy", joinPolicy),
            new("Input.Listed", "false"),
            new("Input.RequiresCoFacilitation", "true"),
        };
        form.AddRange((topics ?? ["Anxiety", "NewToWork"]).Select(t => new KeyValuePair<string, string>("Input.Topics", t)));
        if (agreement is not null)
        {
            form.Add(new("Input.Agreement", agreement));
        }

        return form;
    }

    private static string UniqueName() => $"Circle {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task An_admin_creates_a_group_with_every_field_and_the_first_agreement_version()
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var name = UniqueName();

        var response = await client.SubmitFormAsync("/Admin/Groups/Edit", Form(name));

        response.AssertRedirectTo("/Admin/Groups");
        var group = await app.WithDbAsync(db => db.Groups.Include(g => g.Topics).Include(g => g.Agreements).SingleAsync(g => g.Name == name));
        Assert.Equal("A calm space to talk about work.", group.Description);
        Assert.Equal(GroupFormat.Hybrid, group.Format);
        Assert.Equal("Community centre, room 2", group.Location);
        Assert.Equal("America/New_York", group.TimeZoneId);
        Assert.Equal(10, group.Capacity);
        Assert.Equal(JoinPolicy.ByRequest, group.JoinPolicy);
        Assert.False(group.Listed);
        Assert.True(group.RequiresCoFacilitation);
        Assert.Equal(GroupStatus.Active, group.Status);
        Assert.Equal([Topic.Anxiety, Topic.NewToWork], group.Topics.Select(t => t.Topic).Order());
        Assert.Equal("Be kind. Phones away.", Assert.Single(group.Agreements).Text);
        var list = await client.PageTextAsync("/Admin/Groups");
        Assert.Contains($"The group \"{name}\" was created.", list, StringComparison.Ordinal);
        Assert.Contains(name, list, StringComparison.Ordinal);
    }

    public static TheoryData<string, List<KeyValuePair<string, string>>, string> BadInput => new()
    {
        { "empty name", Form(""), "Enter the group's name." },
        { "capacity 0", Form(UniqueName(), capacity: "0"), "Seats per session must be between 2 and 50." },
        { "capacity 500", Form(UniqueName(), capacity: "500"), "Seats per session must be between 2 and 50." },
        { "capacity not a number", Form(UniqueName(), capacity: "lots"), "Seats per session" },
        { "unknown time zone", Form(UniqueName(), timeZone: "Mars/Olympus_Mons"), "Choose the group's time zone from the list." },
        { "100 KB description", Form(UniqueName(), description: new string('x', 100_000)), "The description must be at most 2000 characters." },
        { "no topic", Form(UniqueName(), topics: []), "Choose at least one topic." },
        { "forged topic", Form(UniqueName(), topics: ["Astrology"]), "is not valid" },
        { "forged format", Form(UniqueName(), format: "Teleport"), "is not valid" },
        { "no agreement", Form(UniqueName(), agreement: null), "Write the group agreement" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_shown_as_a_message_and_nothing_is_saved(string why, List<KeyValuePair<string, string>> form, string expected)
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var before = await app.WithDbAsync(db => db.Groups.CountAsync());

        var response = await client.SubmitFormAsync("/Admin/Groups/Edit", form);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: answered {(int)response.StatusCode}");
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task Editing_saves_the_changes_and_keeps_the_agreement()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var name = UniqueName();

        var form = Form(name, capacity: "12", topics: ["Grief"], agreement: null);
        form.Add(new("Input.ConcurrencyStamp", group.ConcurrencyStamp.ToString()));

        var response = await client.SubmitFormAsync($"/Admin/Groups/Edit/{group.Id}", form);

        response.AssertRedirectTo("/Admin/Groups");
        var stored = await app.WithDbAsync(db => db.Groups.Include(g => g.Topics).SingleAsync(g => g.Id == group.Id));
        Assert.Equal(name, stored.Name);
        Assert.Equal(12, stored.Capacity);
        Assert.Equal([Topic.Grief], stored.Topics.Select(t => t.Topic));
        Assert.Equal(1, stored.CurrentAgreementVersion);
        Assert.NotEqual(group.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_refused_edit_changes_nothing()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        var form = Form("Renamed", capacity: "500", agreement: null);
        form.Add(new("Input.ConcurrencyStamp", group.ConcurrencyStamp.ToString()));

        var response = await client.SubmitFormAsync($"/Admin/Groups/Edit/{group.Id}", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Seats per session must be between 2 and 50.", await response.TextAsync(), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group.Id));
        Assert.Equal(group.Name, stored.Name);
        Assert.Equal(group.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task When_two_admins_edit_at_once_the_second_is_shown_the_current_version_and_nothing_is_overwritten()
    {
        var group = await app.CreateGroupAsync();
        var (first, _) = await app.SignedInClientAsync(Roles.Admin);
        var (second, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Edit/{group.Id}";
        // The second admin opens the form before the first one saves.
        var secondForm = await second.GetStringAsync(new Uri(url, UriKind.Relative));
        var token = HttpClientFormExtensions.AntiforgeryToken(secondForm)!;
        var stamp = StampPattern().Match(secondForm).Groups[1].Value;
        Assert.Equal(group.ConcurrencyStamp.ToString(), stamp);

        var firstName = UniqueName();
        var firstFields = Form(firstName, agreement: null);
        firstFields.Add(new("Input.ConcurrencyStamp", stamp));
        (await first.SubmitFormAsync(url, firstFields)).AssertRedirectTo("/Admin/Groups");
        var fields = Form("The second admin's name", capacity: "20", agreement: null);
        fields.Add(new("Input.ConcurrencyStamp", stamp));
        fields.Add(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(fields);
        var response = await second.PostAsync(new Uri(url, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains(ConflictMessage, page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{firstName}\"", page, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group.Id));
        Assert.Equal(firstName, stored.Name);
        Assert.Equal(10, stored.Capacity);
        Assert.Contains($"value=\"{stored.ConcurrencyStamp}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archiving_needs_a_confirmation()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Edit/{group.Id}";

        var response = await client.SubmitFormAsync(url, [], $"{url}?handler=Archive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tick the box to confirm that you want to archive this group.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(GroupStatus.Active, (await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group.Id))).Status);
    }

    [Fact]
    public async Task An_archived_group_is_listed_as_archived_and_can_no_longer_be_edited()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Edit/{group.Id}";

        var response = await client.SubmitFormAsync(url, [new("confirmArchive", "true")], $"{url}?handler=Archive");

        response.AssertRedirectTo("/Admin/Groups");
        var stored = await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group.Id));
        Assert.Equal(GroupStatus.Archived, stored.Status);
        Assert.NotNull(stored.ArchivedUtc);
        var list = await client.PageTextAsync("/Admin/Groups");
        Assert.Matches(new Regex($"{Regex.Escape(group.Name)}</th>\\s*<td>\\s*<span class=\"badge text-bg-secondary\">Archived</span>"), list);
        var editForm = Form("Renamed after archiving", agreement: null);
        editForm.Add(new("Input.ConcurrencyStamp", stored.ConcurrencyStamp.ToString()));
        var edit = await client.SubmitFormAsync(url, editForm);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("This group is archived and can't be changed.", await edit.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(group.Name, (await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group.Id))).Name);
    }

    [Fact]
    public async Task Archiving_a_group_that_does_not_exist_is_not_found()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await client.SubmitFormAsync($"/Admin/Groups/Edit/{group.Id}", [new("confirmArchive", "true")], $"/Admin/Groups/Edit/{Guid.NewGuid()}?handler=Archive");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_time_zone_is_chosen_from_IANA_ids_and_topics_are_checkboxes()
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        var page = await client.PageTextAsync("/Admin/Groups/Edit");

        Assert.Contains("value=\"Europe/London\">Europe/London</option>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Pacific/Auckland\">Pacific/Auckland</option>", page, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\" name=\"Input.Topics\" value=\"Burnout\"", page, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-check-label\" for=\"topic-WorkLifeBalance\">Work-life balance</label>", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"Input.ConcurrencyStamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampPattern();
}
