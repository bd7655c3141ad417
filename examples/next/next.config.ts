import type { NextConfig } from 'next';

const config: NextConfig = {
  // The one line mfa-kit needs: the server and its embedded database run from node_modules as they are.
  // PGlite loads its WebAssembly and data files by path, and @mfa-kit/server starts PGlite's worker
  // thread from its own file; a bundler that copies them elsewhere breaks both.
  serverExternalPackages: ['@mfa-kit/server', '@electric-sql/pglite'],
};

export default config;
