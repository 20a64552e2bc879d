# syntax=docker/dockerfile:1.7
# The platform's images, one target per deployable (decision 0035):
#   docker build --target gateway -t <registry>/gateway:<tag> .       (the API and the console)
#   docker build --target identity -t <registry>/identity:<tag> .     (and organisation, learning,
#                                                                      disclosure, supervision)
# Each holds the repository's layout under /app with production dependencies only and runs as UID 10001
# on a read-only root filesystem (charts/dangjian). Not built on the development machines: no base image
# can be pulled there (README, "Deployment").
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/true NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx nx run-many -t build --projects=@dangjian/contracts,@dangjian/kit,@dangjian/gateway,@dangjian/admin-ui,@dangjian/identity,@dangjian/organisation,@dangjian/learning,@dangjian/disclosure,@dangjian/supervision \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
RUN groupadd --gid 10001 dangjian && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin dangjian
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/libs/contracts/package.json libs/contracts/package.json
COPY --from=build /src/libs/contracts/dist libs/contracts/dist
COPY --from=build /src/libs/kit/package.json libs/kit/package.json
COPY --from=build /src/libs/kit/dist libs/kit/dist
USER 10001

FROM runtime AS gateway
COPY --from=build /src/gateway/package.json gateway/package.json
COPY --from=build /src/gateway/dist gateway/dist
COPY --from=build /src/admin-ui/dist admin-ui/dist
EXPOSE 3000 9464
CMD ["node", "gateway/dist/main.js"]

FROM runtime AS identity
COPY --from=build /src/services/identity/package.json services/identity/package.json
COPY --from=build /src/services/identity/dist services/identity/dist
COPY --from=build /src/services/identity/prisma/migrations services/identity/prisma/migrations
EXPOSE 8081 8080
CMD ["node", "services/identity/dist/main.js"]

FROM runtime AS organisation
COPY --from=build /src/services/organisation/package.json services/organisation/package.json
COPY --from=build /src/services/organisation/dist services/organisation/dist
COPY --from=build /src/services/organisation/prisma/migrations services/organisation/prisma/migrations
EXPOSE 8081
CMD ["node", "services/organisation/dist/main.js"]

FROM runtime AS learning
COPY --from=build /src/services/learning/package.json services/learning/package.json
COPY --from=build /src/services/learning/dist services/learning/dist
COPY --from=build /src/services/learning/prisma/migrations services/learning/prisma/migrations
EXPOSE 8081
CMD ["node", "services/learning/dist/main.js"]

FROM runtime AS disclosure
COPY --from=build /src/services/disclosure/package.json services/disclosure/package.json
COPY --from=build /src/services/disclosure/dist services/disclosure/dist
COPY --from=build /src/services/disclosure/prisma/migrations services/disclosure/prisma/migrations
EXPOSE 8081
CMD ["node", "services/disclosure/dist/main.js"]

FROM runtime AS supervision
COPY --from=build /src/services/supervision/package.json services/supervision/package.json
COPY --from=build /src/services/supervision/dist services/supervision/dist
COPY --from=build /src/services/supervision/prisma/migrations services/supervision/prisma/migrations
EXPOSE 8081
CMD ["node", "services/supervision/dist/main.js"]
