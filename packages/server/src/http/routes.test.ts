/**
 * The server serves exactly the routes of ROUTES (@mfa-kit/client/protocol), checks each body against
 * its declaration, and docs/protocol.md §5 lists the same routes.
 */
import { readFileSync } from 'node:fs';
import { ROUTES, type RouteName, type RouteSpec, splitRoute } from '@mfa-kit/client/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test/harness.js';
import { expectProtocolError } from '../test/protocol-error.js';

const NAMES = Object.keys(ROUTES) as RouteName[];
const spec = (name: RouteName): RouteSpec => ROUTES[name];
/** The route's path with `:id` filled in by something shaped like one of our ids. */
const pathOf = (name: RouteName) => splitRoute(name).path.replace(':id', 'dev_notThere');
const hasBody = (name: RouteName) => splitRoute(name).method !== 'GET';

let h: Harness;
let token: string;

beforeAll(async () => {
  h = createHarness();
  token = await h.signIn('ada');
});

describe('every route of ROUTES', () => {
  it.each(NAMES.filter((name) => !hasBody(name)))('%s is served', async (name) => {
    const authenticated = spec(name).authenticated !== false;
    const reply = await h.call('GET', pathOf(name), authenticated ? { token } : {});
    expect(reply.status).toBe(200);
  });

  it.each(NAMES.filter(hasBody))('%s is served and refuses an unknown field', async (name) => {
    const { method } = splitRoute(name);
    const reply = await h.call(method, pathOf(name), { token, body: { notAField: 1 } });
    expect(expectProtocolError(reply)).toBe('invalid_request');
    expect(reply.body).toMatchObject({ error: { message: 'unknown field "notAField"' } });
  });

  const withRequired = NAMES.flatMap((name) => {
    const required = Object.entries(spec(name).body ?? {}).find(([, kind]) => !kind.endsWith('?'));
    return required ? [[name, required[0]] as const] : [];
  });
  it.each(withRequired)('%s names its missing field %s', async (name, field) => {
    const { method } = splitRoute(name);
    const reply = await h.call(method, pathOf(name), { token, body: {} });
    expect(expectProtocolError(reply)).toBe('invalid_request');
    expect((reply.body as { error: { message: string } }).error.message).toMatch(new RegExp(`^${field} `));
  });

  it('a route that is not in ROUTES answers 404, also an unknown method on a known path', async () => {
    for (const [method, path] of [
      ['POST', '/verify/sms'],
      ['GET', '/verify/totp'],
      ['PUT', '/devices/dev_1'],
      ['GET', '/step-up'],
    ] as const) {
      const reply = await h.call(method, path, { token });
      expect(expectProtocolError(reply)).toBe('not_found');
      expect(reply.body).toMatchObject({ error: { message: 'no such route' } });
    }
  });
});

describe('docs/protocol.md §5', () => {
  it('lists the routes of ROUTES in its route table, with the same bodies and elevated tokens', () => {
    const doc = readFileSync(new URL('../../../../docs/protocol.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## 5. Routes'), doc.indexOf('## 6.'));
    const rows = section
      .split('\n')
      .filter((line) => /^\| `[A-Z]+ \//.test(line))
      .map((line) => {
        const [route = '', body = '', elevated = ''] = line
          .split('|')
          .slice(1, 4)
          .map((cell) => cell.trim());
        return { route: route.replaceAll('`', ''), body: body.replaceAll('`', ''), elevated };
      });
    const expected = NAMES.map((name) => ({
      route: name,
      body:
        Object.entries(spec(name).body ?? {})
          .map(([field, kind]) => (kind.endsWith('?') ? `${field}?` : field))
          .join(', ') || '—',
      elevated: spec(name).elevated ? 'yes' : '—',
    }));
    expect(rows).toEqual(expected);
  });
});
