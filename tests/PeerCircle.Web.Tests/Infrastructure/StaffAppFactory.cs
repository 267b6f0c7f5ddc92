using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// The app for the admin and facilitator tests. Session emails link to member pages (/Sessions/Mine,
/// /Groups/Details ...); where a build of the app does not have one of those pages yet, a stand-in
/// address is registered so the links can be made. Where the real page exists, nothing is added.
/// </summary>
public sealed class StaffAppFactory : PeerCircleAppFactory
{
    private static readonly string[] s_linkedPages = ["/Sessions/Mine", "/Sessions/Details", "/Groups/Details", "/Groups/Index"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, LinkTargets>());
    }

    private sealed class LinkTargets : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var pages = app.ApplicationServices.GetRequiredService<IActionDescriptorCollectionProvider>()
                .ActionDescriptors.Items.OfType<PageActionDescriptor>().Select(d => d.ViewEnginePath).ToHashSet(StringComparer.Ordinal);
            var missing = s_linkedPages.Where(p => !pages.Contains(p)).ToList();
            if (missing.Count > 0)
            {
                // A routing pipeline of its own, ahead of the app's: it only knows the stand-in addresses.
                app.UseRouting();
                app.UseEndpoints(endpoints =>
                {
                    foreach (var page in missing)
                    {
                        var values = new Dictionary<string, object?> { ["page"] = page };
                        var pattern = RoutePatternFactory.Parse($"test-link-target{page}/{{id?}}", values, parameterPolicies: null, requiredValues: values);
                        endpoints.Map(pattern, context =>
                        {
                            context.Response.StatusCode = StatusCodes.Status404NotFound;
                            return Task.CompletedTask;
                        });
                    }
                });
            }

            next(app);
        };
    }
}
