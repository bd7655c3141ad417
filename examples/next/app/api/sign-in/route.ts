import { checkPassword } from '@/lib/accounts';
import { getMfa } from '@/lib/mfa';

export async function POST(request: Request) {
  const { email, password } = (await request.json().catch(() => ({}))) as {
    email?: unknown;
    password?: unknown;
  };
  const userId =
    typeof email === 'string' && typeof password === 'string' ? await checkPassword(email, password) : null;
  if (!userId) return Response.json({ error: 'Wrong email or password.' }, { status: 401 });
  // Every sign-in goes through sessions.issue: it decides from the policy whether a second step is due.
  const session = await getMfa().sessions.issue({ userId, amr: ['pwd'] });
  return Response.json({ accessToken: session.accessToken });
}
