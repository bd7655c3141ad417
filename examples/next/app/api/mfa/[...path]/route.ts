import { getMfa } from '@/lib/mfa';

// Every protocol route of docs/protocol.md, answered by the MFA server's fetch handler.
export const GET = (request: Request) => getMfa().fetch(request);
export const POST = GET;
export const PATCH = GET;
export const DELETE = GET;
