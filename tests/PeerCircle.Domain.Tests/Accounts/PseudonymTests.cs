using PeerCircle.Domain.Accounts;

namespace PeerCircle.Domain.Tests.Accounts;

public sealed class PseudonymTests
{
    [Theory]
    [InlineData("Sam")]
    [InlineData("Night Owl")]
    [InlineData("zoë_23")]
    [InlineData("O'Neill")]
    [InlineData("María-José")]
    [InlineData("Яна")]
    [InlineData("さくら")]
    [InlineData("Quiet.Reader")]
    public void A_readable_name_of_letters_numbers_and_simple_punctuation_is_accepted(string input)
    {
        var pseudonym = Pseudonym.Parse(input);

        Assert.Equal(input, pseudonym.Value);
    }

    [Theory]
    [InlineData(null, "Choose a pseudonym")]
    [InlineData("", "Choose a pseudonym")]
    [InlineData("   ", "Choose a pseudonym")]
    [InlineData("Al", "between 3 and 32")]
    [InlineData("A very long pseudonym that goes on", "between 3 and 32")]
    [InlineData("<script>alert(1)</script>", "must start with a letter or a number")]
    [InlineData("sam<b>", "letters, numbers, spaces")]
    [InlineData("sam@example.com", "letters, numbers, spaces")]
    [InlineData("call 07700 900123!", "letters, numbers, spaces")]
    [InlineData("Sam 😊", "letters, numbers, spaces")]
    [InlineData("12345", "at least one letter")]
    [InlineData("-Sam", "must start with a letter or a number")]
    [InlineData("Admin", "reserved")]
    [InlineData("Peer Circle", "reserved")]
    [InlineData("MODERATOR", "reserved")]
    public void A_name_that_breaks_a_rule_is_refused_with_a_message_saying_what_to_change(string? input, string expected)
    {
        var ex = Assert.Throws<DomainException>(() => Pseudonym.Parse(input));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_and_repeated_spaces_are_tidied()
    {
        Assert.Equal("Night Owl", Pseudonym.Parse("  Night    Owl ").Value);
    }

    [Theory]
    [InlineData("Sam", "SAM")]
    [InlineData("Sam", "sam")]
    [InlineData("Sam", "Ｓａｍ")]
    [InlineData("Zoë", "Zoe\u0308")]
    [InlineData("Night Owl", "night   owl")]
    public void Names_that_look_the_same_are_the_same_for_uniqueness(string first, string second)
    {
        Assert.Equal(Pseudonym.Parse(first).Normalized, Pseudonym.Parse(second).Normalized);
    }

    [Fact]
    public void Different_names_stay_different()
    {
        Assert.NotEqual(Pseudonym.Parse("Sam").Normalized, Pseudonym.Parse("Sami").Normalized);
    }

    [Fact]
    public void Length_counts_what_a_person_sees_not_code_units()
    {
        // Thirty-two visible letters with combining accents are still thirty-two.
        var name = string.Concat(Enumerable.Repeat("e\u0301", Pseudonym.MaxLength));

        Assert.True(Pseudonym.TryParse(name, out _, out _));
        Assert.False(Pseudonym.TryParse(name + "e", out _, out _));
    }
}
