using PeerCircle.Domain.Accounts;

namespace PeerCircle.Domain.Tests.Accounts;

public sealed class RolesTests
{
    [Fact]
    public void The_last_admin_role_cannot_be_removed_but_one_of_two_can()
    {
        Assert.Contains("last admin", Assert.Throws<DomainException>(() => Roles.EnsureCanRemove(Roles.Admin, 1)).Message, StringComparison.Ordinal);
        Roles.EnsureCanRemove(Roles.Admin, 2);
        Roles.EnsureCanRemove(Roles.Facilitator, 1);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData("Superuser")]
    [InlineData("")]
    public void Only_facilitator_safeguarding_lead_and_admin_are_given_by_admins(string role) =>
        Assert.Throws<DomainException>(() => Roles.EnsureAssignable(role));
}
