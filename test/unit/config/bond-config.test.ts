import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config/config';

const PROD = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), TWILIO_AUTH_TOKEN: 't'.repeat(32), PUBLIC_BASE_URL: 'https://care.example.com' };

describe('bond settings (TMF clients behind the back-end ports)', () => {
  it('when nothing is set, then both ports use the built-in back-ends', () => {
    const c = loadConfig({});
    assert.equal(c.provisioningBackend, 'reference');
    assert.equal(c.workforceBackend, 'reference');
  });

  it('when a TMF back-end is chosen without its URL or credentials, then start-up is refused naming them', () => {
    assert.throws(() => loadConfig({ PROVISIONING_BACKEND: 'tmf622' }), /PROVISIONING_TMF_URL is required[\s\S]*PROVISIONING_TMF_CLIENT_ID and PROVISIONING_TMF_CLIENT_SECRET are required/);
    assert.throws(() => loadConfig({ WORKFORCE_BACKEND: 'tmf621', WORKFORCE_TMF_URL: 'https://c.example.com/tmf-api/troubleTicket/v5' }), /WORKFORCE_TMF_CLIENT_ID/);
  });

  it('when production bonds a port over http or without a listener key, then start-up is refused (fail closed)', () => {
    const bond = { PROVISIONING_BACKEND: 'tmf622', PROVISIONING_TMF_CLIENT_ID: 'us', PROVISIONING_TMF_CLIENT_SECRET: 'secret' };
    assert.throws(() => loadConfig({ ...PROD, ...bond, PROVISIONING_TMF_URL: 'http://p.example.com/tmf-api/productOrderingManagement/v5', BOND_LISTENER_KEY: 'k'.repeat(24) }), /must be https in production/);
    assert.throws(() => loadConfig({ ...PROD, ...bond, PROVISIONING_TMF_URL: 'https://p.example.com/tmf-api/productOrderingManagement/v5' }), /BOND_LISTENER_KEY is required/);
    const ok = loadConfig({ ...PROD, ...bond, PROVISIONING_TMF_URL: 'https://p.example.com/tmf-api/productOrderingManagement/v5', BOND_LISTENER_KEY: 'k'.repeat(24) });
    assert.equal(ok.provisioningBackend, 'tmf622');
  });
});
