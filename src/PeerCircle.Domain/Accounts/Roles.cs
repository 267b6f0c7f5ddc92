namespace PeerCircle.Domain.Accounts;

/// <summary>The four roles of PeerCircle. Every signed-up person is a Member.</summary>
public static class Roles
{
    public const string Member = nameof(Member);
    public const string Facilitator = nameof(Facilitator);
    public const string SafeguardingLead = nameof(SafeguardingLead);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Member, Facilitator, SafeguardingLead, Admin];

    /// <summary>The roles an admin grants and removes; Member comes with every account.</summary>
    public static IReadOnlyList<string> Assignable { get; } = [Facilitator, SafeguardingLead, Admin];

    /// <summary>Readable names.</summary>
    public static string Describe(string role) => role switch
    {
        SafeguardingLead => "Safeguarding lead",
        _ => role,
    };

    /// <summary>Throws unless an admin may give this role.</summary>
    public static void EnsureAssignable(string role)
    {
        if (!Assignable.Contains(role, StringComparer.Ordinal))
        {
            throw new DomainException("Choose a role from the list.");
        }
    }

    /// <summary>The service always keeps at least one admin, so no one can lock everyone out of administration.</summary>
    public static void EnsureCanRemove(string role, int adminsNow)
    {
        EnsureAssignable(role);
        if (role == Admin && adminsNow <= 1)
        {
            throw new DomainException("This is the last admin: make someone else an admin first.");
        }
    }
}
