using PeerCircle.Domain.Accounts;

namespace PeerCircle.Domain.Tests.Accounts;

public sealed class AgeRequirementTests
{
    [Fact]
    public void Signing_up_without_confirming_the_minimum_age_is_refused_and_names_the_age()
    {
        var requirement = new AgeRequirement(18);

        var ex = Assert.Throws<DomainException>(() => requirement.EnsureConfirmed(false));

        Assert.Contains("18 and over", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirming_the_minimum_age_is_enough()
    {
        new AgeRequirement(21).EnsureConfirmed(true);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(26)]
    [InlineData(0)]
    public void The_minimum_age_setting_stays_within_a_sensible_range(int age)
    {
        Assert.Throws<DomainException>(() => new AgeRequirement(age));
    }

    [Fact]
    public void The_default_minimum_age_is_18()
    {
        Assert.Equal(18, new AgeRequirement(AgeRequirement.Default).MinimumAge);
    }
}
