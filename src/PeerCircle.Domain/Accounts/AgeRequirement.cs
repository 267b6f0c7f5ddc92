namespace PeerCircle.Domain.Accounts;

/// <summary>
/// PeerCircle is for young workers of at least a minimum age (18 unless the service sets another).
/// People confirm their age at sign-up; the app does not ask for a date of birth it does not need.
/// </summary>
public sealed record AgeRequirement
{
    public const int Default = 18;
    public const int Lowest = 16;
    public const int Highest = 25;

    public AgeRequirement(int minimumAge)
    {
        if (minimumAge is < Lowest or > Highest)
        {
            throw new DomainException($"The minimum age must be between {Lowest} and {Highest}.");
        }

        MinimumAge = minimumAge;
    }

    public int MinimumAge { get; }

    /// <summary>Throws unless the person confirmed that they meet the minimum age.</summary>
    public void EnsureConfirmed(bool confirmed)
    {
        if (!confirmed)
        {
            throw new DomainException($"PeerCircle is for people aged {MinimumAge} and over. Please confirm your age to continue.");
        }
    }
}
