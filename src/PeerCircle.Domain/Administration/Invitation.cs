using System.Security.Cryptography;
using System.Text;

namespace PeerCircle.Domain.Administration;

/// <summary>
/// A single-use sign-up link an admin hands to someone while sign-up is by invitation. Only the
/// SHA-256 hash of its random token is stored, so a copy of the database lets no one sign up.
/// </summary>
public sealed class Invitation
{
    public const int NoteMaxLength = 100;
    public const int MinValidDays = 1;
    public const int MaxValidDays = 30;
    public const int TokenHashLength = 64;

    private Invitation()
    {
        TokenHash = string.Empty;
    }

    private Invitation(string tokenHash, string? note, Guid createdBy, DateTime nowUtc, int validDays)
    {
        Id = Guid.CreateVersion7();
        TokenHash = tokenHash;
        Note = note;
        CreatedBy = createdBy;
        CreatedUtc = nowUtc;
        ExpiresUtc = nowUtc.AddDays(validDays);
    }

    public Guid Id { get; private set; }
    public string TokenHash { get; private set; }

    /// <summary>The admin's own reminder of whom it is for (never shown to the invited person).</summary>
    public string? Note { get; private set; }

    public Guid CreatedBy { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
    public DateTime? UsedUtc { get; private set; }
    public Guid? UsedBy { get; private set; }
    public DateTime? RevokedUtc { get; private set; }

    /// <summary>Creates an invitation and returns the token to put in the link; the token is not kept.</summary>
    public static (Invitation Invitation, string Token) Create(string? note, int validDays, Guid createdBy, DateTime nowUtc)
    {
        if (validDays is < MinValidDays or > MaxValidDays)
        {
            throw new DomainException($"An invitation is valid for {MinValidDays} to {MaxValidDays} days.");
        }

        var clean = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (clean is { Length: > NoteMaxLength })
        {
            throw new DomainException($"Keep the note under {NoteMaxLength} characters.");
        }

        // 256 random bits, URL-safe.
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new Invitation(Hash(token), clean, createdBy, nowUtc, validDays), token);
    }

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    public bool IsOpen(DateTime nowUtc) => UsedUtc is null && RevokedUtc is null && nowUtc < ExpiresUtc;

    public string Status(DateTime nowUtc) =>
        UsedUtc is not null ? "used" : RevokedUtc is not null ? "withdrawn" : nowUtc >= ExpiresUtc ? "expired" : "open";

    /// <summary>Throws unless the invitation can still be used to sign up.</summary>
    public void EnsureOpen(DateTime nowUtc)
    {
        if (!IsOpen(nowUtc))
        {
            throw new DomainException(UsedUtc is not null
                ? "This invitation link has already been used. Ask whoever invited you for a new one."
                : "This invitation link has expired. Ask whoever invited you for a new one.");
        }
    }

    public void Revoke(DateTime nowUtc)
    {
        if (UsedUtc is not null)
        {
            throw new DomainException("That invitation has already been used.");
        }

        RevokedUtc ??= nowUtc;
    }

    /// <summary>Records who signed up with it (the claim itself is one conditional UPDATE, so it is single use).</summary>
    public void MarkUsedBy(Guid userId, DateTime nowUtc)
    {
        UsedUtc ??= nowUtc;
        UsedBy = userId;
    }
}
