using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// A checkbox posted with something other than true/false (a forged or garbled form) already has its
/// validation error from model binding; but when the page is shown again, the checkbox tag helper
/// converts the posted text to a bool and throws, turning a validation message into a 500 (and writing
/// the posted text into the log with the exception). This forgets the unreadable text before the
/// handler runs: the checkbox shows its model value and the form shows its message.
/// </summary>
internal sealed class UnreadableCheckboxFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var modelState = context.ModelState;
        foreach (var (key, entry) in modelState.ToList())
        {
            if (entry is null || entry.Errors.Count == 0 || entry.RawValue is null || bool.TryParse(entry.AttemptedValue, out _))
            {
                continue;
            }

            var type = TypeAt(context.HandlerInstance?.GetType() ?? typeof(object), key)
                ?? context.HandlerMethod?.Parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))?.ParameterType;
            if (type == typeof(bool) || type == typeof(bool?))
            {
                modelState.SetModelValue(key, rawValue: null, attemptedValue: null);
            }
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    /// <summary>The type of the bound property a model-state key ("Input.Listed") names, if any.</summary>
    private static Type? TypeAt(Type root, string key)
    {
        var type = root;
        foreach (var part in key.Split('.'))
        {
            var property = type.GetProperty(part.Split('[')[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return type;
    }
}
