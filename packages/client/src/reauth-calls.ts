/**
 * Step-up by re-authentication (docs/protocol.md §8): codes by email or SMS, and wallet signatures. The
 * server writes the wallet's message; the browser only asks the wallet to sign it, so no Ethereum
 * library is needed here.
 */
import type {
  Eip1193Provider,
  RequestOptions,
  SendReauthCodeInput,
  VerifyReauthCodeInput,
  VerifyWalletInput,
  WalletSigner,
} from './client-types.js';
import { normalizeCode } from './codes.js';
import { MfaError } from './errors.js';
import { type ElevationResult, REAUTH_CODE_DIGITS, type ReauthSendResponse } from './protocol.js';
import type { Transport } from './transport.js';
import { isElevationResult, isReauthSendResponse, isWalletOptionsResponse } from './validate.js';

const SEND = { email_otp: 'POST /reauth/email-otp/send', sms_otp: 'POST /reauth/sms-otp/send' } as const;
const VERIFY = { email_otp: 'POST /verify/email-otp', sms_otp: 'POST /verify/sms-otp' } as const;

function channel(method: unknown): 'email_otp' | 'sms_otp' {
  if (method !== 'email_otp' && method !== 'sms_otp') {
    throw new MfaError('invalid_input', 'method must be "email_otp" or "sms_otp"');
  }
  return method;
}

function isProvider(signer: unknown): signer is Eip1193Provider {
  return (
    typeof signer === 'object' && signer !== null && typeof (signer as Eip1193Provider).request === 'function'
  );
}

/** EIP-1193 error 4001: the user rejected the request in their wallet. */
function isUserRejection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 4001 || code === 'ACTION_REJECTED';
}

/** The `personal_sign` of a provider, or the given function, with wallet errors made typed. */
async function sign(signer: WalletSigner | Eip1193Provider, message: string, address: string) {
  let signature: unknown;
  try {
    signature = isProvider(signer)
      ? await signer.request({ method: 'personal_sign', params: [message, address] })
      : await signer(message, address);
  } catch (cause) {
    if (isUserRejection(cause)) {
      throw new MfaError('wallet_rejected', 'the signature was rejected in the wallet', { cause });
    }
    throw new MfaError('wallet_failed', 'the wallet could not sign the message', { cause });
  }
  if (typeof signature !== 'string' || !/^0x(?:[0-9a-fA-F]{2})+$/.test(signature)) {
    throw new MfaError('wallet_failed', 'the wallet returned something that is not a signature');
  }
  return signature;
}

/** Builds the re-authentication calls of {@link MfaClient} on a transport. */
export function createReauthCalls(http: Transport) {
  return {
    async sendReauthCode(input: SendReauthCodeInput, opts?: RequestOptions): Promise<ReauthSendResponse> {
      const route = SEND[channel(input?.method)];
      return http.json(
        { route, body: { requestedScopes: input.requestedScopes } },
        isReauthSendResponse,
        opts,
      );
    },

    async verifyReauthCode(input: VerifyReauthCodeInput, opts?: RequestOptions): Promise<ElevationResult> {
      const route = VERIFY[channel(input?.method)];
      const body = {
        challengeId: input.challengeId,
        code: normalizeCode(input.code, { digits: REAUTH_CODE_DIGITS }),
        requestedScopes: input.requestedScopes,
      };
      return http.json({ route, body }, isElevationResult, opts);
    },

    async verifyWallet(input: VerifyWalletInput, opts?: RequestOptions): Promise<ElevationResult> {
      const { requestedScopes, address, signer } = input ?? {};
      if (typeof signer !== 'function' && !isProvider(signer)) {
        throw new MfaError('invalid_input', 'signer must be a function or an EIP-1193 provider');
      }
      const options = await http.json(
        { route: 'POST /verify/wallet/options', body: { requestedScopes, address } },
        isWalletOptionsResponse,
        opts,
      );
      const signature = await sign(signer, options.message, options.address);
      return http.json(
        { route: 'POST /verify/wallet', body: { challengeId: options.challengeId, signature } },
        isElevationResult,
        opts,
      );
    },
  };
}
