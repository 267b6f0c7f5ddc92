namespace PeerCircle.Web.Infrastructure;

internal static class ErrorHandlingSetup
{
    /// <summary>
    /// A friendly error page that reveals nothing (no stack trace, no request data) everywhere but a
    /// developer's own machine, and the same page for 404 and other empty error responses.
    /// </summary>
    public static WebApplication UsePeerCircleErrorHandling(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        return app;
    }

    /// <summary>
    /// Unknown addresses get the friendly "not found" page, signed in or not. (Without this the
    /// sign-in-by-default policy would send anonymous visitors of a mistyped link to sign in.)
    /// </summary>
    public static WebApplication MapNotFoundFallback(this WebApplication app)
    {
        app.MapFallback("{*path}", static context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return app;
    }
}
