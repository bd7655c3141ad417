/**
 * Builds the front end once per run into a temporary folder; every test file serves it from its own
 * server (support/server.ts). The folder's path reaches the tests through `inject('clientDir')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildClient } from './support/build.js';

export default async function setup(project: TestProject) {
  const clientDir = mkdtempSync(join(tmpdir(), 'acme-wallet-client-'));
  await buildClient(clientDir);
  project.provide('clientDir', clientDir);
  return () => rmSync(clientDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    clientDir: string;
  }
}
