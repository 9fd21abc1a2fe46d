import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS } from '../../../src/config/config';
import { renderEnvExample } from '../../../src/shared/env-example';

const ENV_EXAMPLE = path.resolve(__dirname, '../../../.env.example');

describe('.env.example', () => {
  const text = readFileSync(ENV_EXAMPLE, 'utf8');

  it('when the config schema has a setting, then .env.example documents it', () => {
    const missing = Object.values(SETTINGS)
      .map((s) => s.env)
      .filter((env) => !new RegExp(`^#? ?${env}=`, 'm').test(text));
    assert.deepEqual(missing, [], `missing from .env.example: ${missing.join(', ')}; regenerate it with node --import tsx src/shared/env-example.ts > .env.example`);
  });

  it('when a setting or its doc changes, then .env.example is regenerated to match', () => {
    assert.equal(text, renderEnvExample(), '.env.example is stale; regenerate it with node --import tsx src/shared/env-example.ts > .env.example');
  });
});
