import type { NextConfig } from 'next';

const config: NextConfig = {
  // The one line mfa-kit needs: its server and PGlite run from node_modules as they are. Bundled, the
  // PGlite worker (`worker: true`) does not start under Turbopack, and with webpack PGlite does not find
  // its WebAssembly: every MFA route would answer 500.
  serverExternalPackages: ['@mfa-kit/server', '@electric-sql/pglite'],
};

export default config;
