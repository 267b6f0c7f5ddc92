using System.Diagnostics;
using System.Globalization;
using PeerCircle.Domain.Safeguarding;

// How long the risk detector takes to check one 2,000-character message against 500 phrases.
// Run: dotnet run -c Release --project bench/PeerCircle.Bench.Risk [iterations]
// Not a test: timings depend on the machine. The figure is recorded in docs/performance.md.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;

// 500 phrases: the default list plus generated two- to four-word phrases of ordinary words, so the
// trie branches the way a real list would (many phrases share first letters).
string[] words =
[
    "want", "to", "end", "my", "life", "feel", "hopeless", "cannot", "cope", "with", "anything", "anymore", "hurt", "myself",
    "give", "up", "on", "everything", "nobody", "would", "care", "if", "disappeared", "tired", "of", "living", "no", "point",
    "going", "trapped", "burden", "everyone", "goodbye", "forever", "plan", "tonight", "alone", "empty", "worthless", "leave",
];
var random = new Random(42);
var phrases = new HashSet<string>(RiskPhraseDefaults.All, StringComparer.Ordinal);
while (phrases.Count < 500)
{
    var length = random.Next(2, 5);
    phrases.Add(string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)])));
}

var detector = new RiskPhraseDetector(phrases);

// An ordinary message: the worst case, since nothing matches and the whole text is walked.
const string sentence = "Work has been a lot this week; the manager keeps moving the deadline and the rota changes daily, but the team is kind. ";
var ordinary = string.Concat(Enumerable.Repeat(sentence, 2000 / sentence.Length + 1))[..2000];
var risky = ordinary[..1980] + " k1ll   mys3lf now.";

Measure("2,000 characters, no match (whole text walked)", ordinary, expected: false);
Measure("2,000 characters, match at the very end", risky, expected: true);

void Measure(string name, string message, bool expected)
{
    if (detector.IsMatch(message) != expected)
    {
        throw new InvalidOperationException($"{name}: expected a match to be {expected} ({detector.FindFirst(message)}).");
    }

    for (var i = 0; i < 2_000; i++)
    {
        detector.IsMatch(message);
    }

    var timings = new double[iterations];
    var total = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        detector.IsMatch(message);
        timings[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    total.Stop();
    Array.Sort(timings);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {detector.Count} phrases, {message.Length} chars, {iterations} runs: mean {total.Elapsed.TotalMicroseconds / iterations:F1} µs, " +
        $"p50 {timings[iterations / 2]:F1} µs, p99 {timings[(int)(iterations * 0.99)]:F1} µs, max {timings[^1]:F1} µs"));
}
