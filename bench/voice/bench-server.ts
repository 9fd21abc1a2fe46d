/**
 * Child process of bench/voice.ts: one server per run, so each is measured alone on its core.
 *   node-http | express: bare servers answering the same TwiML (baselines)
 *   voice: the /voice router (real domain and Redis from bootstrap) in a bare Express app
 *   voice-app: the whole app from bootstrap (helmet, request context, metrics, all channels)
 * Prints "READY <port>" when listening.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../src/config/config';
import { bootstrap } from '../../src/bootstrap';
import { mountVoiceChannel } from '../../src/adapters/voice-state/mount-voice-channel';

const mode = process.argv[2];
const twiml = process.env.BENCH_TWIML ?? '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function ready(server: http.Server): void {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
}

async function main(): Promise<void> {
  if (mode === 'node-http') {
    const server = http.createServer((_req, res) => {
      _req.resume();
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(twiml) });
      res.end(twiml);
    });
    server.listen(0, '127.0.0.1', () => ready(server));
    return;
  }
  if (mode === 'express') {
    const app = express();
    app.post('/voice/step', (_req, res) => {
      res.type('text/xml').send(twiml);
    });
    const server = app.listen(0, '127.0.0.1', () => ready(server));
    return;
  }
  if (mode === 'voice' || mode === 'voice-app') {
    const config = loadConfig(process.env);
    const runtime = await bootstrap(config, { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } });
    // voice: the /voice router alone in a bare Express app (same baseline as "express");
    // voice-app: the whole app (helmet, request context and logging, metrics, every channel).
    let app = runtime.app;
    if (mode === 'voice') {
      app = express();
      const voice = mountVoiceChannel({ config, care: runtime.care, redis: runtime.redis, logger: runtime.logger });
      app.use(voice.path, voice.router);
    }
    const server = app.listen(0, '127.0.0.1', () => ready(server));
    process.on('SIGTERM', () => {
      server.close();
      void runtime.close().then(() => process.exit(0));
    });
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
