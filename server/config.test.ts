import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('config', () => {
  it('takes the job lease from JOB_LEASE_MS, and leaves the runner its default without it', () => {
    expect(loadConfig({ JOB_LEASE_MS: '3000' }).jobLeaseMs).toBe(3000);
    expect(loadConfig({}).jobLeaseMs).toBeUndefined();
  });

  it('refuses a job lease that is not a whole number of at least 3000 ms', () => {
    for (const value of ['abc', '2999', '3000.5', '-5000'])
      expect(() => loadConfig({ JOB_LEASE_MS: value })).toThrow(/JOB_LEASE_MS/);
  });
});
