# One image for every Probity process (intake, casework, allocation, notification, worker, the
# one-shot jobs in dist/tools, the demo mail sink and OpenID provider). Multi-stage: the build
# stage has the dev dependencies (TypeScript, esbuild, Prisma's CLI); the image that runs has the
# production dependencies, the compiled JavaScript (dist/, with the prebuilt workflow bundle) and
# the page templates, and runs as the unprivileged `node` user.
# Node 22 LTS: its npm (10) reads today's lockfile as it is (Node 24's npm 11 would need a new one).
ARG NODE_IMAGE=node:22-bookworm-slim

# Every workspace's package.json, alone, so the npm ci layers are reused until a manifest changes.
FROM ${NODE_IMAGE} AS manifests
COPY . /src
RUN mkdir /out && cd /src && find shared workflows activities services -maxdepth 2 -name package.json -exec cp --parents {} /out/ \;

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY --from=manifests /out/ ./
COPY infra/npm-install infra/
RUN bash infra/npm-install
COPY . .
# The Prisma client (generated, no engine download), then the services, tools and workflow bundle.
RUN bash infra/prisma generate && node_modules/.bin/tsx infra/build.ts && test -s dist/worker/workflow-bundle.js

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=manifests /out/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production BIND_HOST=0.0.0.0 PROBITY_MIGRATIONS_DIR=/app/shared/prisma/migrations PROBITY_DATA_DIR=/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=manifests /out/ ./
COPY package.json ./
COPY --from=build /src/dist ./dist
COPY --from=build /src/shared/prisma/migrations ./shared/prisma/migrations
# Page templates, found through the workspace packages (shared/src/web/templates.ts sourceDir):
# the views and the module each is resolved beside. Nothing here is executed.
COPY --from=build /src/shared/src/web ./shared/src/web
COPY --from=build /src/services/intake/views ./services/intake/views
COPY --from=build /src/services/intake/src/app.ts ./services/intake/src/app.ts
COPY --from=build /src/services/casework/views ./services/casework/views
COPY --from=build /src/services/casework/src/portal.ts ./services/casework/src/portal.ts
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3001 3002 3003 3004 3005
# Each container names its process (docker-compose.yml, the Helm chart); intake by default.
CMD ["node", "--enable-source-maps", "dist/intake/main.js"]
