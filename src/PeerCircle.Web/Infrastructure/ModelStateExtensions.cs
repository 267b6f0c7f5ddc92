using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerCircle.Domain;

namespace PeerCircle.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>
    /// Runs a domain action; a broken rule becomes a validation message on the form (key "" shows it
    /// in the summary) instead of an error page. Returns whether the action succeeded.
    /// </summary>
    public static bool TryDomain(this ModelStateDictionary modelState, Action action, string key = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
            return true;
        }
        catch (DomainException ex)
        {
            modelState.AddModelError(key, ex.Message);
            return false;
        }
    }

    /// <summary>The same for an asynchronous action (a domain service such as the booking service).</summary>
    public static async Task<bool> TryDomainAsync(this ModelStateDictionary modelState, Func<Task> action, string key = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            return true;
        }
        catch (DomainException ex)
        {
            modelState.AddModelError(key, ex.Message);
            return false;
        }
    }
}
