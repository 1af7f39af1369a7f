# One image for every Probity process (intake, casework, allocation, notification, worker, mail sink, OpenID provider, init).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production BIND_HOST=0.0.0.0
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY services/intake/package.json services/intake/
COPY services/casework/package.json services/casework/
COPY services/allocation/package.json services/allocation/
COPY services/notification/package.json services/notification/
COPY services/worker/package.json services/worker/
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
RUN bash infra/prisma generate
