import { defaultClientConditions, defaultServerConditions } from 'vite';

/**
 * Workspace packages point the `@mfa-kit/source` export condition at their TypeScript sources, so tests
 * and the dev server run against source without a build step. Published builds ignore the condition.
 */
export const sourceConditions = {
  resolve: { conditions: ['@mfa-kit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@mfa-kit/source', ...defaultServerConditions] } },
};
