#!/usr/bin/env node
/**
 * The packages as an outside app meets them: each one packed (`pnpm pack`, as published), installed with
 * npm into an empty app beside the app's own React, TanStack Query and Hono from the registry, then
 * type-checked strictly (`skipLibCheck: false`) and run. Fails when an install would bring a second
 * copy of a package the app must share (@mfa-kit/client, @mfa-kit/react, hono), when the stylesheet
 * import or any public type does not check, or when the server's middleware does not take the app's
 * Hono. Twice: on React 19 and on React 18.3, the oldest React the packages support, where every
 * component is also rendered on the server. Packages are built first by `pnpm build`.
 *
 *   node scripts/check-consumer.mjs [--keep]   --keep leaves the apps in temporary folders to look at
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGES, packPackages } from './pack-packages.mjs';

const keep = process.argv.includes('--keep');
const exec = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, CI: '1' } });

/** The front end: provider, dialog, a locale and the stylesheet, as the READMEs show them. */
const APP_TSX = `import { createMfaClient, isMfaError } from '@mfa-kit/client';
import { MfaProvider, useStepUp } from '@mfa-kit/react';
import { MfaUiProvider, StepUpDialog } from '@mfa-kit/ui';
import { de } from '@mfa-kit/ui/locales/de';
import '@mfa-kit/ui/styles.css';

const client = createMfaClient({ baseUrl: '/api/mfa', getAccessToken: () => null });

function Export() {
  const { withElevation } = useStepUp({ scope: 'wallet:export' });
  return <button type="button" onClick={() => withElevation(async () => null).catch((e) => isMfaError(e))}>Export</button>;
}

export function App() {
  return (
    <MfaProvider client={client} accessToken={null}>
      <MfaUiProvider messages={de}>
        <Export />
        <StepUpDialog onSuccess={(scope, method) => console.log(scope, method)} />
      </MfaUiProvider>
    </MfaProvider>
  );
}
`;

/** The back end: the server's routes and middleware on the app's own Hono, errors across packages. */
const SERVER_TS = `import { Hono } from 'hono';
import { isMfaError } from '@mfa-kit/client';
import { createMemoryStore, createMfaServer, type UserContacts } from '@mfa-kit/server';

const contacts: UserContacts = { email: 'ada@example.com' };
const mfa = createMfaServer({
  store: createMemoryStore(),
  encryptionKey: 'x'.repeat(43),
  issuer: 'https://wallet.example',
  audience: 'acme',
  webauthn: { rpId: 'localhost', rpName: 'Acme', origins: ['http://localhost:5173'] },
  getUserContacts: () => contacts,
});
const app = new Hono();
app.mount('/api/mfa', mfa.fetch);
app.get('/api/me', mfa.requireAuth(), (c) => c.json({ user: c.var.mfaAuth.sub }));
const refused = await app.fetch(new Request('http://app.test/api/me'));
const error = await mfa.verifyAccessToken('not a token').catch((e: unknown) => e);
if (refused.status !== 401 || !isMfaError(error)) {
  throw new Error(\`expected 401 and an MfaError, got \${refused.status} and \${String(error)}\`);
}
console.log('ok');
`;

/** Every component rendered on the server: nothing may need a newer React than the app's to render. */
const RENDER_TSX = `import { createMfaClient } from '@mfa-kit/client';
import { MfaProvider } from '@mfa-kit/react';
import {
  CodeInput,
  DeviceList,
  MfaChallenge,
  MfaGate,
  MfaUiProvider,
  PasskeyPrompt,
  RecoveryCodes,
  StepUpDialog,
  TotpSetup,
} from '@mfa-kit/ui';
import { renderToString } from 'react-dom/server';

const client = createMfaClient({ baseUrl: 'http://app.test/api/mfa', getAccessToken: () => 'token' });
const html = renderToString(
  <MfaProvider client={client} accessToken={null}>
    <MfaUiProvider>
      <CodeInput />
      <MfaGate signedOut={<p>signed out</p>}>
        <p>in</p>
      </MfaGate>
      <MfaChallenge />
      <TotpSetup />
      <PasskeyPrompt mode="register" />
      <RecoveryCodes />
      <DeviceList />
      <StepUpDialog />
    </MfaUiProvider>
  </MfaProvider>,
);
if (!html.includes('signed out') || !html.includes('mfa-code-input')) throw new Error(html.slice(0, 500));
console.log('rendered');
`;

const REACT = {
  19: { react: '^19.0.0', types: '^19.0.0' },
  18.3: { react: '18.3.1', types: '^18.3.0' },
};

const { dir: tarballs, tarball } = packPackages();
const names = PACKAGES;

for (const [major, versions] of Object.entries(REACT)) {
  const app = mkdtempSync(join(tmpdir(), `mfa-kit-consumer-react${major}-`));
  try {
    checkApp(app, versions);
    console.log(
      `✓ an outside app on React ${major} installs the packed packages, type-checks strictly and runs`,
    );
    if (!keep) rmSync(app, { recursive: true, force: true });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}${error.message ?? error}`;
    console.error(`✗ outside app on React ${major} (${app})\n${output}`);
    process.exitCode = 1;
  }
}
if (process.exitCode !== 1 && !keep) rmSync(tarballs, { recursive: true, force: true });

function checkApp(app, versions) {
  const run = (command, args) => exec(command, args, app);
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(
    join(app, 'package.json'),
    json({
      name: 'outside-app',
      private: true,
      type: 'module',
      dependencies: {
        ...Object.fromEntries(names.map((name) => [`@mfa-kit/${name}`, tarball(name)])),
        '@tanstack/react-query': '^5.90.0',
        // The lowest Hono the server's peer range allows: another 4.x than the one we develop on.
        hono: '4.13.0',
        react: versions.react,
        'react-dom': versions.react,
      },
      devDependencies: {
        '@types/node': '^20.19.0',
        '@types/react': versions.types,
        '@types/react-dom': versions.types,
        typescript: '6.0.3',
      },
    }),
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    json({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        jsx: 'react-jsx',
        strict: true,
        skipLibCheck: false,
        outDir: 'out',
        rootDir: 'src',
        types: ['node'],
      },
      include: ['src'],
    }),
  );
  mkdirSync(join(app, 'src'));
  writeFileSync(join(app, 'src', 'app.tsx'), APP_TSX);
  writeFileSync(join(app, 'src', 'server.ts'), SERVER_TS);
  writeFileSync(join(app, 'src', 'render.tsx'), RENDER_TSX);

  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  // One copy of what the app and the packages must share.
  for (const shared of ['@mfa-kit/client', '@mfa-kit/react', 'hono', 'react']) {
    const copies = run('npm', ['ls', shared, '--all', '--parseable']).trim().split('\n').filter(Boolean);
    if (new Set(copies).size !== 1) {
      throw new Error(`${shared} is installed ${copies.length} times:\n${copies.join('\n')}`);
    }
  }
  // The database drivers are optional peers: an app on the memory store installs neither.
  for (const driver of ['@electric-sql/pglite', 'pg']) {
    if (existsSync(join(app, 'node_modules', driver))) throw new Error(`${driver} was installed unasked`);
  }
  // The standalone server without its default store's driver says what to install.
  try {
    run('node', ['node_modules/@mfa-kit/server/dist/cli.js']);
    throw new Error('the standalone server started without @electric-sql/pglite');
  } catch (error) {
    if (!String(error.stderr).includes('pnpm add @electric-sql/pglite')) throw error;
  }
  run('npx', ['tsc', '-p', '.']);
  const served = run('node', ['out/server.js']).trim();
  if (served !== 'ok') throw new Error(`the server smoke test printed ${served}`);
  const rendered = run('node', ['out/render.js']).trim();
  if (rendered !== 'rendered') throw new Error(`the render printed ${rendered}`);
}
