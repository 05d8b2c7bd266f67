import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('takes the job lease and the drain delay in milliseconds, 30 s and 0 by default', () => {
    expect(loadConfig({})).toMatchObject({ jobLeaseMs: 30_000, drainDelayMs: 0 });
    expect(loadConfig({ JOB_LEASE_MS: '3000', DRAIN_DELAY_MS: '1500' })).toMatchObject({
      jobLeaseMs: 3000,
      drainDelayMs: 1500,
    });
    expect(loadConfig({ JOB_LEASE_MS: ' ' }).jobLeaseMs).toBe(30_000);
  });

  it('refuses to start with a lease too short to renew, or a value that is not a whole number', () => {
    // Renewed every third of the lease, at most once a second: under 3 s a live claim could lapse.
    expect(() => loadConfig({ JOB_LEASE_MS: '1000' })).toThrow(/JOB_LEASE_MS .* 3000 to 3600000/);
    expect(() => loadConfig({ JOB_LEASE_MS: '30s' })).toThrow(/JOB_LEASE_MS/);
    expect(() => loadConfig({ DRAIN_DELAY_MS: '-1' })).toThrow(/DRAIN_DELAY_MS/);
    expect(() => loadConfig({ DRAIN_DELAY_MS: '60000' })).toThrow(/DRAIN_DELAY_MS/);
  });
});
