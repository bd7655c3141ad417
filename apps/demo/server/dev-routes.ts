/**
 * `/api/dev`: development helpers, mounted only outside production (there every path here is 404).
 * `GET /api/dev`: `{ "outbox": true }`, so that the front end (one build for both) shows the Inbox only
 * where it works.
 * `GET /api/dev/outbox?to=ADDRESS`: the emails and text messages sent to one address or number, newest
 * first, so that a visitor of the demo reads their own codes on the Inbox page.
 */
import { Hono } from 'hono';
import type { DevToolsResponse, OutboxMessage } from './api.js';
import { invalid } from './errors.js';
import type { Outbox } from './outbox.js';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;
const PHONE = /^\+[1-9][0-9]{6,14}$/;

export function devRoutes(outbox: Outbox): Hono {
  const routes = new Hono();
  routes.get('/', (c) => c.json({ outbox: true } satisfies DevToolsResponse));
  routes.get('/outbox', (c) => {
    const query = c.req.queries();
    for (const key of Object.keys(query)) {
      if (key !== 'to') throw invalid(`unknown query parameter ${JSON.stringify(key.slice(0, 40))}`);
    }
    const values = query.to ?? [];
    const to = values[0]?.trim() ?? '';
    if (values.length !== 1 || to.length > 254 || !(EMAIL.test(to) || PHONE.test(to))) {
      throw invalid('to must be one email address or E.164 phone number, e.g. ?to=ada@example.com');
    }
    return c.json(outbox.list(to) satisfies OutboxMessage[]);
  });
  return routes;
}
