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
}
