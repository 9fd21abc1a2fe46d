/**
 * Renders .env.example from the config schema, so the documented settings are the real ones.
 * Regenerate: `node --import tsx src/shared/env-example.ts > .env.example`
 * (test/unit/shared/env-example.test.ts fails while the file is out of date).
 */
import { describeSettings } from '../config/config';

const HEADER = `# Telecare settings. Set them in the environment, or copy this file to .env (never commit it)
# and start with \`node --env-file=.env dist/src/server.js\`.
# Every setting has a default outside production; NODE_ENV=production requires the secrets and
# PUBLIC_BASE_URL, and turns the demo data, the demo chat page and open /metrics off.
# Generated from src/config/config.ts by: node --import tsx src/shared/env-example.ts > .env.example
#
# Quick start: nothing to set. \`npm run dev\` serves the demo operator on http://localhost:3000
# with the embedded store under ./data and in-process sessions and rate limits.
`;

export function renderEnvExample(): string {
  return `${HEADER}\n${describeSettings()}\n`;
}

if (require.main === module) process.stdout.write(renderEnvExample());
