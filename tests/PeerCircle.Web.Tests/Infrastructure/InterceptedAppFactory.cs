using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// The real app with one of the test's interceptors in its database pipeline: a fault or a change made at the
/// worst moment, switched on and off by the test (<see cref="OutageAppFactory"/>, <see cref="ConcurrentChangeAppFactory"/>).
/// </summary>
public abstract class InterceptedAppFactory<T>(T interceptor) : PeerCircleAppFactory
    where T : IInterceptor
{
    protected T Interceptor { get; } = interceptor;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<SqliteDbContext>(options => options.AddInterceptors(Interceptor)));
    }
}
