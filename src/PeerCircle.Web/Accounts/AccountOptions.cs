using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Accounts;

public sealed class AccountOptions
{
    public int MinimumAge { get; set; } = AgeRequirement.Default;

    /// <summary>Facilitators, safeguarding leads and admins must set up an authenticator app before anything else.</summary>
    public bool RequireTwoFactorForStaff { get; set; }

    /// <summary>A session with no request for this long ends (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 60;

    /// <summary>A session ends this long after signing in, however active it is.</summary>
    public int AbsoluteLifetimeHours { get; set; } = 12;
}
