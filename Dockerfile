# telecare web and worker image: build with dev dependencies, run with production ones only.
#   docker build -t telecare .
#   docker run -p 3000:3000 -e SESSION_SECRET=... -e TWILIO_AUTH_TOKEN=... -e PUBLIC_BASE_URL=https://... \
#     -e MONGODB_URI=... telecare                       # web (the default command)
#   docker run ... telecare node dist/src/worker.js     # worker (MONGODB_URI deployments)
# Nothing is downloaded but npm packages (from package-lock.json).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY catalog ./catalog
COPY rules ./rules
COPY ivr-flows ./ivr-flows
COPY chat-dialogs ./chat-dialogs
COPY web ./web
COPY tmf ./tmf
# The embedded store's directory (single-process deployments only; mount a volume there).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/server.js"]
