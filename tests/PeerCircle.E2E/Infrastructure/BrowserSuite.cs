namespace PeerCircle.E2E.Infrastructure;

/// <summary>All browser tests share one app and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<AppFixture>
{
    public const string Name = "Browser suite";
}
