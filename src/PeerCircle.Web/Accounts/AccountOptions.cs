using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Administration;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// The "Accounts" configuration section. These are only defaults: an admin's
/// value in the Settings table wins (read them through <see cref="Administration.ServiceSettingsProvider"/>).
/// </summary>
public sealed class AccountOptions
{
    public int MinimumAge { get; set; } = AgeRequirement.Default;

    /// <summary>Facilitators, safeguarding leads and admins must set up an authenticator app before anything else.</summary>
    public bool RequireTwoFactorForStaff { get; set; }

    /// <summary>Open: anyone may sign up. InvitationOnly: only with an admin's invitation link.</summary>
    public SignUpMode SignUp { get; set; } = SignUpMode.Open;

    /// <summary>A session with no request for this long ends (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 60;

    /// <summary>A session ends this long after signing in, however active it is.</summary>
    public int AbsoluteLifetimeHours { get; set; } = 12;
}
