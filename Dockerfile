# One image for every Probity process (intake, casework, allocation, notification, worker, mail sink, OpenID provider, init).
# Every workspace's package.json (whatever services exist), alone, so npm ci's layer is reused
# until a manifest changes.
FROM node:20-bookworm-slim AS manifests
COPY . /src
RUN mkdir /out && cd /src && find shared workflows activities services -maxdepth 2 -name package.json -exec cp --parents {} /out/ \;

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production BIND_HOST=0.0.0.0
COPY package.json package-lock.json ./
COPY --from=manifests /out/ ./
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
# The services run as compiled JavaScript (dist/<service>/main.js) and the worker loads the
# workflow bundle built here; tsx is left for the one-shot tools (topics, migrations, demo data).
RUN bash infra/prisma generate && node_modules/.bin/tsx infra/build.ts
