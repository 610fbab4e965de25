# model-alias-guard image: a build stage with the dev dependencies (TypeScript),
# and a runtime stage with the production dependencies and the compiled output only.
#
#   docker build -t model-alias-guard .
#   docker run --rm -p 9201:9201 -p 9202:9202 -e ES_URL=https://my-cluster.example.com:9243 model-alias-guard
#
# Without ES_URL the container guards the built-in sandbox (an emulator), as `npm start` does.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: dev dependencies, TypeScript -> dist/ -------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# package.json asks for Node >= 20.18.1 (node:util parseEnv, undici 7); fail the build early on an older base.
RUN node -e "const [a,b,c]=process.versions.node.split('.').map(Number); if (a<20 || (a===20 && (b<18 || (b===18 && c<1)))) { console.error('Node >= 20.18.1 needed, the base image has ' + process.version); process.exit(1); }"
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, compiled output, non-root ----------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PROXY_HOST=0.0.0.0 \
    PROXY_PORT=9201 \
    ADMIN_PORT=9202
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The files stay owned by root: the proxy only reads them.
USER node
EXPOSE 9201 9202
# Ready = the cluster answered recently (the admin server's /readyz). No curl in the slim image: node asks.
HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.ADMIN_PORT || 9202) + '/readyz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself (index.ts stops cleanly on it).
# --no-memory-reducer as in npm start: without it, a proxy that idled for ~20 s
# pays up to 1.7x the CPU per request once traffic is back (README "Benchmark").
CMD ["node", "--no-memory-reducer", "dist/src/index.js"]
