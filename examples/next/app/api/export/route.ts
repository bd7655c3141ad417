import { ELEVATED_TOKEN_HEADER } from '@mfa-kit/client';
import { getMfa } from '@/lib/mfa';

/** The one sensitive action: it needs an elevated token for `account:export` of this session. */
export async function POST(request: Request) {
  const mfa = getMfa();
  try {
    const bearer = request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? '';
    const claims = await mfa.verifyAccessToken(bearer);
    await mfa.verifyElevatedToken(request.headers.get(ELEVATED_TOKEN_HEADER) ?? '', {
      scope: 'account:export',
      userId: claims.sub,
      sessionId: claims.sid,
    });
    return Response.json({ exportedAt: new Date().toISOString(), email: claims.sub });
  } catch (error) {
    return mfa.errorResponse(error); // 401, or 403 elevation_required: the client asks and retries
  }
}
