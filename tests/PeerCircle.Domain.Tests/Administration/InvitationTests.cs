using PeerCircle.Domain.Administration;

namespace PeerCircle.Domain.Tests.Administration;

public sealed class InvitationTests
{
    private static readonly DateTime s_now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_invitation_keeps_only_the_hash_of_a_long_random_token_and_is_open_until_it_expires()
    {
        var (invitation, token) = Invitation.Create(" For the Leeds cohort ", 7, Guid.NewGuid(), s_now);
        var (_, other) = Invitation.Create(null, 7, Guid.NewGuid(), s_now);

        Assert.True(token.Length >= 43);
        Assert.NotEqual(token, other);
        Assert.Equal(Invitation.Hash(token), invitation.TokenHash);
        Assert.DoesNotContain(token, invitation.TokenHash, StringComparison.Ordinal);
        Assert.Equal("For the Leeds cohort", invitation.Note);
        Assert.True(invitation.IsOpen(s_now.AddDays(7).AddSeconds(-1)));
        Assert.False(invitation.IsOpen(s_now.AddDays(7)));
        Assert.Equal("expired", invitation.Status(s_now.AddDays(8)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Validity_is_one_to_thirty_days(int days) =>
        Assert.Throws<DomainException>(() => Invitation.Create(null, days, Guid.NewGuid(), s_now));

    [Fact]
    public void A_used_invitation_cannot_be_used_again_or_withdrawn()
    {
        var (invitation, _) = Invitation.Create(null, 7, Guid.NewGuid(), s_now);

        invitation.MarkUsedBy(Guid.NewGuid(), s_now.AddHours(1));

        Assert.Contains("already been used", Assert.Throws<DomainException>(() => invitation.EnsureOpen(s_now.AddHours(2))).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => invitation.Revoke(s_now.AddHours(2)));
        Assert.Equal("used", invitation.Status(s_now.AddHours(2)));
    }

    [Fact]
    public void A_withdrawn_invitation_is_closed()
    {
        var (invitation, _) = Invitation.Create(null, 7, Guid.NewGuid(), s_now);

        invitation.Revoke(s_now.AddHours(1));

        Assert.False(invitation.IsOpen(s_now.AddHours(2)));
        Assert.Throws<DomainException>(() => invitation.EnsureOpen(s_now.AddHours(2)));
    }
}
