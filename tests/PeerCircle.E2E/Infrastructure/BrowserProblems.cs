using Microsoft.Playwright;

namespace PeerCircle.E2E.Infrastructure;

/// <summary>
/// Collects what a person would see in the browser's developer tools as something wrong: console
/// errors (Content-Security-Policy violations are reported there), uncaught script errors, failed
/// requests and error responses.
/// </summary>
public sealed class BrowserProblems
{
    private readonly List<string> _problems = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    public static BrowserProblems Watch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new BrowserProblems();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type} on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"script error on {page.Url}: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        return problems;
    }

    private void Add(string problem)
    {
        lock (_lock)
        {
            _problems.Add(problem);
        }
    }
}
