using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerCircle.Web.Pages;

/// <summary>The friendly error page: says what happened in plain words and reveals nothing else.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; } = StatusCodes.Status500InternalServerError;

    public string Reference { get; private set; } = string.Empty;

    public string Heading => Code switch
    {
        StatusCodes.Status404NotFound => "We can't find that page",
        StatusCodes.Status403Forbidden => "This page isn't open to you",
        StatusCodes.Status400BadRequest => "Something in that request didn't look right",
        StatusCodes.Status429TooManyRequests => "Please wait a moment",
        StatusCodes.Status503ServiceUnavailable => "PeerCircle can't reach its records right now",
        _ => "Sorry, something went wrong on our side",
    };

    public string Explanation => Code switch
    {
        StatusCodes.Status404NotFound => "It may have moved, or the link may be incomplete.",
        StatusCodes.Status403Forbidden => "You may need a different role or group membership to see it.",
        StatusCodes.Status400BadRequest => "Please go back, reload the page and try again.",
        StatusCodes.Status429TooManyRequests => "There were many requests in a short time. Please try again in a minute.",
        StatusCodes.Status503ServiceUnavailable => "Nothing you saved before has been lost, but what you just did may not have been saved. Please try again in a minute.",
        _ => "Nothing you saved has been lost. Please try again in a moment.",
    };

    public void OnGet() => Set();

    /// <summary>A failed form post is re-executed here as a POST; nothing of the form is read.</summary>
    public void OnPost() => Set();

    private void Set()
    {
        // The status comes from the failed request itself, not from model binding: the request that
        // failed may be one whose form cannot even be read.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode;
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var code = reExecuted ?? (failure is null ? ParseCode(Request.Query["code"])
            : IsDatabaseFailure(failure) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError);
        Code = code is >= 400 and < 600 ? code.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = Code;
        if (Code == StatusCodes.Status503ServiceUnavailable)
        {
            // The database is the usual reason; a minute is how long a restart or failover takes.
            Response.Headers.RetryAfter = "60";
        }

        Reference = Activity.Current?.TraceId.ToHexString()[..12] ?? HttpContext.TraceIdentifier;
    }

    /// <summary>
    /// The request failed because the database could not be used (unreachable, refused, timed out): a
    /// provider error anywhere in the chain, however EF Core or Identity wrapped it, except one that a save
    /// met (DbUpdateException: a rejected write, such as a broken constraint, is a fault of ours, not an outage).
    /// </summary>
    private static bool IsDatabaseFailure(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                return e.InnerException is System.Data.Common.DbException { IsTransient: true };
            }

            if (e is System.Data.Common.DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static int? ParseCode(string? value) => int.TryParse(value, out var code) ? code : null;
}
