namespace PeerCircle.Domain.Accounts;

/// <summary>The four roles of PeerCircle. Every signed-up person is a Member.</summary>
public static class Roles
{
    public const string Member = nameof(Member);
    public const string Facilitator = nameof(Facilitator);
    public const string SafeguardingLead = nameof(SafeguardingLead);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Member, Facilitator, SafeguardingLead, Admin];
}
