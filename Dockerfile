# kube-netmap in a cluster (charts/kube-netmap). Two stages: the build, with every dependency; and the image, with
# only what `next build` traced for the server (.next/standalone, completed by scripts/assemble-standalone.mjs):
# production dependencies alone, no npm, and no sources but server.ts and what it imports (the request guard), and
# the built-in demo's manifests (examples/demo).
# e2e/standalone.spec.ts runs the final stage's WORKDIR, ENV and ENTRYPOINT below on the same folder.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# No install scripts: `prepare` bundles the CLI from sources not copied yet, and the image has no use for the CLI.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npx next build && node scripts/assemble-standalone.mjs

FROM ${NODE_IMAGE}
# The package managers are of no use to the server; without them the image holds less to exploit.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* /usr/local/bin/yarn /usr/local/bin/yarnpkg
WORKDIR /app
# Owned by root and only readable by the server's user; the chart also mounts the root filesystem read-only, with
# emptyDirs for /tmp and /app/.next/cache.
COPY --from=build /src/.next/standalone/ ./
ENV NODE_ENV=production
ENV NEXT_TELEMETRY_DISABLED=1
# Every interface of the pod: kubectl port-forward connects to its loopback, the probes to its address. The server
# answers HTTP only from loopback whatever it binds (lib/api/request-guard.ts).
ENV HOST=0.0.0.0
ENV PORT=3000
EXPOSE 3000
# A numeric user, so that the kubelet can check runAsNonRoot (the restricted Pod Security Standard).
USER 65532:65532
ENTRYPOINT ["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "server.ts"]
