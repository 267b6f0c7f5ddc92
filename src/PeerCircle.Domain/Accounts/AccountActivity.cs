namespace PeerCircle.Domain.Accounts;

/// <summary>What happened to an account, as its owner sees it under "Recent activity".</summary>
public enum AccountActivityKind
{
    SignedIn,
    SignInFailed,
    LockedOut,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRenewed,
    PasswordChanged,
    PasswordReset,
    EmailChanged,
    SignedOutEverywhere,
    RoleGranted,
    RoleRemoved,
    LockedByAdmin,
    UnlockedByAdmin,
}

/// <summary>
/// One security event on an account. It never holds a password, code, token or anything shared: only
/// what happened, when, and a short fixed detail (a role name, "with a recovery code").
/// Kept for <see cref="RetentionDays"/> days.
/// </summary>
public sealed class AccountActivity
{
    public const int DetailMaxLength = 64;
    public const int RetentionDays = 90;

    private AccountActivity()
    {
    }

    public AccountActivity(Guid userId, AccountActivityKind kind, string? detail, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        Kind = kind;
        Detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Length > DetailMaxLength ? detail[..DetailMaxLength] : detail;
        AtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public AccountActivityKind Kind { get; private set; }
    public string? Detail { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>How the owner reads it.</summary>
    public static string Describe(AccountActivityKind kind, string? detail) => kind switch
    {
        AccountActivityKind.SignedIn => detail is null ? "Signed in" : $"Signed in {detail}",
        AccountActivityKind.SignInFailed => detail is null ? "A sign-in failed (wrong password)" : $"A sign-in failed ({detail})",
        AccountActivityKind.LockedOut => "Locked for a while after too many failed sign-ins",
        AccountActivityKind.TwoFactorEnabled => "Two-factor sign-in turned on",
        AccountActivityKind.TwoFactorDisabled => "Two-factor sign-in turned off",
        AccountActivityKind.RecoveryCodesRenewed => "New recovery codes made",
        AccountActivityKind.PasswordChanged => "Password changed",
        AccountActivityKind.PasswordReset => "Password reset by email link",
        AccountActivityKind.EmailChanged => "Email address changed",
        AccountActivityKind.SignedOutEverywhere => "Signed out everywhere",
        AccountActivityKind.RoleGranted => $"Given the {detail} role by an admin",
        AccountActivityKind.RoleRemoved => $"The {detail} role removed by an admin",
        AccountActivityKind.LockedByAdmin => "Account locked by an admin",
        AccountActivityKind.UnlockedByAdmin => "Account unlocked by an admin",
        _ => kind.ToString(),
    };
}
