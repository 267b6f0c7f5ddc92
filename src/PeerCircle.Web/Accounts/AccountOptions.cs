using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Accounts;

public sealed class AccountOptions
{
    public int MinimumAge { get; set; } = AgeRequirement.Default;
}
