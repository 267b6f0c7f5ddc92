# PeerCircle web app: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
# Used by docker-compose.yml; see docs/operations.md. No Docker engine runs on the build machines,
# so this file is not built in CI.

# ---- build ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# global.json pins the SDK (10.0.401, rolling forward to later feature bands); the image's SDK must
# satisfy it. The props files and .editorconfig carry the strict build settings and package versions.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PeerCircle.Domain/PeerCircle.Domain.csproj src/PeerCircle.Domain/
COPY src/PeerCircle.Data/PeerCircle.Data.csproj src/PeerCircle.Data/
COPY src/PeerCircle.Web/PeerCircle.Web.csproj src/PeerCircle.Web/
# Restore on its own layer, so a code change does not download the packages again.
RUN dotnet restore src/PeerCircle.Web/PeerCircle.Web.csproj

COPY src/ src/
RUN dotnet publish src/PeerCircle.Web/PeerCircle.Web.csproj \
        --configuration Release --no-restore --output /app/publish -p:UseAppHost=false

# ---- runtime ----
# The default aspnet image (not the chiseled or Alpine ones) has ICU and time-zone data, which the app
# needs (InvariantGlobalization is off; people's times are shown in IANA time zones).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

COPY --from=build /app/publish .

# App_Data holds the mail pickup folder, the rolling log files and the SQLite file when SQLite is used.
# Create it (and mail/, where docker-compose.yml mounts the pickup folder the instances share) owned by the
# image's non-root "app" user, so named volumes mounted there start with the same owner. The Data
# Protection keys are in the database (Infrastructure/SecuritySetup.cs), not on the file system.
RUN mkdir -p /app/App_Data/mail && chown -R "$APP_UID:$APP_UID" /app/App_Data

# ASPNETCORE_URLS takes precedence over the image's ASPNETCORE_HTTP_PORTS (also 8080); Kestrel notes
# in its start-up log that it does so.
ENV ASPNETCORE_URLS=http://+:8080

# No HEALTHCHECK: the aspnet image has no curl or wget. Probe /health/live and /health/ready from the
# orchestrator or load balancer instead (docs/operations.md).
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "PeerCircle.Web.dll"]
