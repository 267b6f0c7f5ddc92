using PeerCircle.Domain.Safeguarding;

namespace PeerCircle.Domain.Tests.Safeguarding;

/// <summary>
/// The detector's table: true phrases with every variation it must see through, and near-misses it
/// must not fire on. Run against the seeded default list, as a new install has it.
/// </summary>
public sealed class RiskPhraseDetectorTests
{
    private static readonly RiskPhraseDetector s_detector = new(RiskPhraseDefaults.All);

    public static TheoryData<string> Matches => new()
    {
        // The phrases themselves, in sentences.
        "I want to kill myself",
        "Some days I think about killing myself.",
        "I just want to end it all",
        "thinking about ending it all tonight",
        "I might end my life",
        "Ending my life feels like the only option",
        "I could take my own life",
        "I keep thinking about suicide",
        "I've been feeling suicidal",
        "I want to die",
        "i wanna die",
        "I wish I was dead",
        "I wish I were dead",
        "Everyone would be better off dead, me included",
        "they'd be better off without me",
        "there's no reason to live",
        "I have nothing to live for",
        "I don't want to be here anymore",
        "I can't go on like this",
        "I have been self-harming again... I self-harm when it's bad",
        "I started self harming",
        "I want to hurt myself",
        "I keep hurting myself",
        "I cut myself last night",
        "I'm cutting myself again",
        // Case.
        "I WANT TO KILL MYSELF",
        "KiLl MySeLf",
        "End It All",
        "SUICIDAL",
        "Self-Harm",
        // Accents.
        "I want to kíll mysélf",
        "end ít àll",
        "suïcide",
        "sélf hárm",
        "ÉND MY LÍFE",
        // Extra spaces, tabs and line wrapping inside the phrase.
        "I want to kill    myself",
        "kill\tmyself",
        "end  it   all",
        "  suicidal  ",
        "take   my own    life",
        // Punctuation inside the phrase.
        "kill-myself",
        "kill_myself",
        "k.i.l.l myself",
        "k-i-l-l m-y-s-e-l-f",
        "end...it...all",
        "end-it-all",
        "self—harm",
        "selfharm",
        "self_harm",
        "sui-cide",
        "s u i c i d e",
        "kill my-self",
        "don't want to be here any more? no: don't want to be here anymore",
        "dont want to be here anymore",
        "cant go on",
        // Simple letter substitutions.
        "k1ll mys3lf",
        "k!ll myself",
        "ki11 myse1f",
        "$elf h@rm",
        "5elf harm",
        "su1c1de",
        "3nd 1t 4ll",
        "w4nt to d1e",
        "k|ll myself",
        "end my l1fe",
        // Stretched letters.
        "killll myselfff",
        "I wannnna die",
        "suiciiiide",
        "ennnd it alllll",
        // Invisible characters.
        "kill\u200B myself",
        "sui\u200Dcide",
        // At the very start and end of the text, and next to punctuation.
        "suicide",
        "kill myself!",
        "(kill myself)",
        "\"end it all\"",
        "...want to die...",
        "I want to die, honestly",
        "Honestly? suicidal.",
    };

    public static TheoryData<string> NearMisses => new()
    {
        // Inside other words.
        "I need to skill myself up before the review",
        "Let me upskill myself this year",
        "I'm killing myselfie game at the party",
        "A new suicidesque film?",
        "I'm so suicidally bored... no wait, that's not a word",
        "I want to dieting plans",
        "Being selfharmless is not a thing",
        "My friend wanted to diet",
        "The studied end it allows is great",
        "A blend it all together recipe",
        "I spend it all on rent",
        "We attend my lifeguard course",
        "Friend it all day",
        // Across the end of a sentence.
        "That was the end. It all started on Monday.",
        "This is the end! It all went well.",
        "I reached the end; it all worked out",
        "I want to. Die Hard is a great film",
        "Don't kill.\nMyself I prefer to talk",
        // Similar but different meaning.
        "I'll take my own lunch",
        "I want to dine out",
        "I want to diet",
        "I cut my hair",
        "I hurt my back at work",
        "The project will end eventually",
        "My self-esteem is low at work",
        "I'm self-employed",
        "I could kill for a coffee",
        "Killing time before my shift",
        "I'm going to end my shift early",
        "My life is busy",
        "I can go on holiday",
        "I can't go out tonight",
        "It is better off the shelf",
        "That's a good reason to leave",
        "Nothing to do at work",
        // Digits and symbols that are not substitutions.
        "I work 4 days and earn $5 an hour",
        "Call me at 10:30!",
        "Room 101 is free",
        // Nothing at all.
        "",
        "   ",
        "Hello everyone, today was fine.",
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public void A_risk_phrase_is_found_whatever_its_spelling(string text) =>
        Assert.True(s_detector.IsMatch(text), $"Expected a match in: {text}");

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void A_near_miss_does_not_fire(string text) =>
        Assert.False(s_detector.IsMatch(text), $"Unexpected match ({s_detector.FindFirst(text)}) in: {text}");

    /// <summary>
    /// Phrases carry no context: a light use of a listed phrase still fires. Accepted on purpose (see
    /// ADR 0007): the cost is a caring page and a draft a facilitator dismisses; a miss could cost a life.
    /// </summary>
    [Theory]
    [InlineData("I'm ending it all well at the party")]
    [InlineData("I'd kill myself laughing")]
    public void A_listed_phrase_used_lightly_still_fires(string text) =>
        Assert.True(s_detector.IsMatch(text));

    [Fact]
    public void The_table_has_at_least_a_hundred_cases() =>
        Assert.True(Matches.Count + NearMisses.Count >= 100, $"{Matches.Count + NearMisses.Count} cases");

    [Fact]
    public void The_phrase_found_is_named_as_the_list_spells_it() =>
        Assert.Equal("kill myself", s_detector.FindFirst("I want to K1LL   MY-SELF"));

    [Fact]
    public void An_admins_new_phrase_is_matched_the_same_way()
    {
        var detector = new RiskPhraseDetector(["give up on everything"]);

        Assert.True(detector.IsMatch("I'm ready to g1ve-up   on EVERYTHING"));
        Assert.False(detector.IsMatch("I'm ready to forgive up on everything"));
        Assert.False(new RiskPhraseDetector([]).IsMatch("kill myself"));
    }

    [Theory]
    [InlineData("self-harm", "self harm")]
    [InlineData("Kill Myself", "k1ll mys3lf")]
    [InlineData("end it all", "END. IT. ALL")]
    public void Phrases_that_read_the_same_have_one_canonical_form(string a, string b) =>
        Assert.Equal(RiskPhraseDetector.Canonical(a), RiskPhraseDetector.Canonical(b));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("!!")]
    public void A_phrase_too_short_to_mean_anything_is_refused(string phrase) =>
        Assert.Throws<DomainException>(() => new RiskPhrase(phrase, DateTime.UtcNow));

    [Fact]
    public void A_long_message_with_many_phrases_is_checked_quickly()
    {
        var phrases = Enumerable.Range(0, 500).Select(i => $"risk phrase number {Words(i)}").Append("kill myself").ToList();
        var detector = new RiskPhraseDetector(phrases);
        var message = string.Concat(Enumerable.Repeat("Work has been a lot this week and I feel tired. ", 50))[..1990] + " kill myself";

        Assert.True(detector.IsMatch(message));
        Assert.False(detector.IsMatch(message[..1990]));
    }

    private static string Words(int i) => string.Join(' ', i.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0') + "x"));
}
