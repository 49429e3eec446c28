# Build on the same Node line the project supports everywhere (20 LTS; 22 and 24 work too).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# The console (web/) is an npm workspace: its package.json must be there for npm ci to install it.
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci
COPY tsconfig.json nest-cli.json ./
COPY scripts ./scripts
COPY src ./src
COPY web ./web
# Builds the service, writes its OpenAPI document, generates the console's client and builds the console into web/dist.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production LEDGER_DATA_DIR=/data PORT=3000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
VOLUME ["/data"]
EXPOSE 3000
USER node
CMD ["node", "dist/main.js"]
