using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// The address of one of the app's own scripts or stylesheets with its content version in it, as
/// <c>asp-append-version</c> writes it: the fingerprinted name <c>MapStaticAssets</c> serves (site.oaqa64xnnc.css),
/// else the file's hash as a query string. The layout writes its two this way on every page, without the link and
/// script tag helpers, which were made and run for every page (about 1.5 % of a page of replies' CPU; issue 9).
/// </summary>
public static class StaticAssetUrls
{
    /// <param name="context">The request (its endpoint holds the static assets' names, its path base the app's).</param>
    /// <param name="path">The asset under wwwroot, without a leading slash: "css/site.css".</param>
    public static string Versioned(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pathBase = context.Request.PathBase;
        var assets = context.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>();
        if (assets is not null && !assets.IsContentSpecificUrl(path) && assets[path] is { } named && !string.Equals(named, path, StringComparison.Ordinal))
        {
            return $"{pathBase}/{named}";
        }

        return context.RequestServices.GetRequiredService<IFileVersionProvider>().AddFileVersionToPath(pathBase, $"{pathBase}/{path}");
    }
}
