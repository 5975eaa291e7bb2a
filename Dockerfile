# syntax=docker/dockerfile:1
# The one image every role runs (routing, gateway, web): see README, "Kubernetes".
# Not built on the machine this was written on (no Docker engine there); tests/Cluster.Node.Tests/Deployment
# checks what can be checked without building it.

# --- web client packages: the SignalR browser client from npm (the SDK image has no Node.js).
FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY src/Cluster.Node/package.json src/Cluster.Node/package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: restore with the project files only (a layer that survives source edits), then publish.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Actors/Actors.csproj src/Actors/
COPY src/Gateway/Gateway.csproj src/Gateway/
COPY src/Cluster.Node/Cluster.Node.csproj src/Cluster.Node/
RUN dotnet restore src/Cluster.Node/Cluster.Node.csproj
COPY src/ src/
COPY --from=web /web/node_modules src/Cluster.Node/node_modules/
RUN dotnet publish src/Cluster.Node/Cluster.Node.csproj -c Release --no-restore -o /app /p:UseAppHost=false

# --- runtime: ASP.NET Core only, no SDK, no shell needed by the node.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The shipped prompts (CallCenter:Media:PromptsPath defaults to config/prompts under /app) and the sample
# definition, so that `docker run` starts a node; Kubernetes mounts its own definition from a ConfigMap.
COPY config/prompts/ config/prompts/
COPY config/callcenter.yaml config/callcenter.yaml
# Everything the node writes goes under /var/lib/callcenter, a mounted volume: the root filesystem can be read-only.
ENV CallCenter__Http__Url=http://0.0.0.0:8080 \
    CallCenter__Persistence__DataDirectory=/var/lib/callcenter/data \
    CallCenter__Media__RecordingsPath=/var/lib/callcenter/recordings
VOLUME ["/var/lib/callcenter"]
# HTTP (API, web client, health), Akka remoting, SIP over UDP and TCP. RTP (20000-29999/udp by default)
# is not listed: Kubernetes gateways use the host's network (README, "Kubernetes").
EXPOSE 8080/tcp 4053/tcp 5060/udp 5060/tcp
# 1654 is the "app" user the .NET images create; a fixed UID so that runAsUser and fsGroup can name it.
USER 1654:1654
ENTRYPOINT ["dotnet", "CallCenter.Node.dll"]
