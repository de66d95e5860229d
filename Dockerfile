# One image for every app of the suite. The app is chosen by HELPDESK_APP or the first argument:
#   docker run ghcr.io/helpdesk-suite/helpdesk:0.1.0 ticket-service
#   docker run -e HELPDESK_APP=api-gateway ghcr.io/helpdesk-suite/helpdesk:0.1.0
#   docker run ghcr.io/helpdesk-suite/helpdesk:0.1.0 migrate      # every service's migrations, then exit
# No HEALTHCHECK: Kubernetes probes /health/live and /health/ready (see k8s/).
ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, for the build.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# dist/apps/<app>/main.js for every app (nest build --all).
FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only (argon2 installs from the prebuilt binary it ships for linux-x64/arm64 glibc).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only to the app's user: the container runs with a read-only root filesystem.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY scripts/start-app.js ./scripts/start-app.js
# The image's own unprivileged user (uid 1000); Kubernetes also enforces runAsNonRoot.
USER 1000:1000
EXPOSE 3000
ENTRYPOINT ["node", "scripts/start-app.js"]
