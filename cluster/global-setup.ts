import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import {
  type ClusterTemplate,
  createClusterDatabase,
  freePort,
  Instance,
  instanceEnv,
  nginxBinary,
} from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterTemplate: ClusterTemplate;
  }
}

/**
 * Once per run: one instance of the built server migrates a new database and loads the demo office
 * into it, then stops; each test file's cluster starts on a copy (CREATE DATABASE … TEMPLATE),
 * which takes a fraction of a second where loading the demo office takes half a minute.
 */
export default async function setup(project: TestProject) {
  // The cluster needs Debian's nginx; without it nothing here can be proven, so the run fails.
  if (!fs.existsSync(nginxBinary))
    throw new Error(`nginx not found at ${nginxBinary} (apt-get install -y nginx, or set NGINX_PATH)`);
  const database = await createClusterDatabase();
  const secretKey = randomBytes(32).toString('hex');
  const instance = new Instance(0, await freePort(), instanceEnv(database.url, secretKey));
  try {
    await instance.start();
  } finally {
    await instance.stop('SIGTERM');
  }
  // A template may have no connections while it is copied: the test's own pool goes too.
  await database.close();
  project.provide('clusterTemplate', { database: database.name, secretKey });
  return () => database.drop();
}
