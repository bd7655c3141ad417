/**
 * A software WebAuthn authenticator, for tests of apps built on mfa-kit and of mfa-kit itself: ECDSA P-256 (ES256) keys in Web Crypto, CBOR from
 * @simplewebauthn/server/helpers. It answers the server's options as a browser with a platform
 * authenticator would (attestation "none"), and every field can be forged for negative tests.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@mfa-kit/client/protocol';
import { isoBase64URL, isoCBOR, isoUint8Array } from '@simplewebauthn/server/helpers';

/** The origin clientDataJSON names unless forged: the page's own in a browser, else the demo's. */
const DEFAULT_ORIGIN = globalThis.location?.origin ?? 'http://localhost:5173';

type Bytes = Uint8Array<ArrayBuffer>;

/** Authenticator data flags (WebAuthn §6.1). */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

/** A passkey held by the software authenticator. */
export interface SoftCredential {
  /** base64url credential id. */
  id: string;
  keys: CryptoKeyPair;
  /** base64url user handle (`options.user.id` at registration), returned with every assertion. */
  userHandle: string;
  /** The signature counter last reported; an honest assertion reports one more. */
  counter: number;
}

/** What a test may forge. Anything left out is what an honest authenticator and browser send. */
export interface Forge {
  /** clientDataJSON.origin. */
  origin?: string;
  /** clientDataJSON.type: `webauthn.create` for registration, `webauthn.get` for assertions. */
  type?: string;
  /** clientDataJSON.challenge (base64url). */
  challenge?: string;
  /** The RP ID whose SHA-256 goes into authenticator data. */
  rpId?: string;
  /** User presence flag (default set). */
  up?: boolean;
  /** User verification flag (default set). */
  uv?: boolean;
  /** Signature counter. */
  counter?: number;
  /** Credential id of the response (at registration also the one in authenticator data). */
  credentialId?: string;
  /** The key pair a registration creates the credential with (default a new one). */
  keys?: CryptoKeyPair;
  /** The key that signs an assertion (default the credential's own). */
  signingKey?: CryptoKey;
  /** userHandle of an assertion; null leaves it out. */
  userHandle?: string | null;
  /** response.transports of a registration. */
  transports?: string[];
}

const sha256 = async (data: Bytes): Promise<Bytes> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', data));
const utf8 = (text: string): Bytes => new TextEncoder().encode(text);
const b64url = (bytes: Bytes): string => isoBase64URL.fromBuffer(bytes);

export function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
}

function clientData(forge: Forge, type: string, challenge: string): Bytes {
  return utf8(
    JSON.stringify({
      type: forge.type ?? type,
      challenge: forge.challenge ?? challenge,
      origin: forge.origin ?? DEFAULT_ORIGIN,
      crossOrigin: false,
    }),
  );
}

/** rpIdHash (32) | flags (1) | signCount (4, big-endian) | attested credential data, if any. */
async function authenticatorData(
  forge: Forge,
  rpId: string,
  counter: number,
  attested?: Bytes,
): Promise<Bytes> {
  const head = new Uint8Array(37);
  head.set(await sha256(utf8(forge.rpId ?? rpId)));
  head[32] = ((forge.up ?? true) ? UP : 0) | ((forge.uv ?? true) ? UV : 0) | (attested ? AT : 0);
  new DataView(head.buffer).setUint32(33, counter);
  return attested ? isoUint8Array.concat([head, attested]) : head;
}

/** The public key as a COSE_Key: kty EC2, alg ES256, crv P-256, x, y (RFC 9053). */
async function coseKey(publicKey: CryptoKey): Promise<Bytes> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)); // 0x04 | x | y
  const cose = new Map<number, number | Bytes>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, raw.slice(1, 33)],
    [-3, raw.slice(33, 65)],
  ]);
  return isoCBOR.encode(cose);
}

/** Web Crypto signs as r | s; WebAuthn wants an ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`. */
function derSignature(raw: Bytes): Bytes {
  const integer = (value: Bytes): Bytes => {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start += 1;
    const trimmed = value.slice(start);
    const positive =
      ((trimmed[0] ?? 0) & 0x80) !== 0 ? isoUint8Array.concat([new Uint8Array([0]), trimmed]) : trimmed;
    return isoUint8Array.concat([new Uint8Array([0x02, positive.length]), positive]);
  };
  const body = isoUint8Array.concat([integer(raw.slice(0, 32)), integer(raw.slice(32))]);
  return isoUint8Array.concat([new Uint8Array([0x30, body.length]), body]);
}

/** Creates a passkey for the server's creation options and answers as `PublicKeyCredential.toJSON()` would. */
export async function register(
  options: PublicKeyCredentialCreationOptionsJSON,
  forge: Forge = {},
): Promise<{ credential: SoftCredential; response: RegistrationResponseJSON }> {
  const keys = forge.keys ?? (await generateKeys());
  const id = forge.credentialId ?? b64url(crypto.getRandomValues(new Uint8Array(16)));
  const credentialId = isoBase64URL.toBuffer(id);
  const counter = forge.counter ?? 0;
  const idLength = new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]);
  const aaguid = new Uint8Array(16);
  const attested = isoUint8Array.concat([aaguid, idLength, credentialId, await coseKey(keys.publicKey)]);
  const authData = await authenticatorData(forge, options.rp.id ?? 'localhost', counter, attested);
  const attStmt = new Map<string, never>();
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Bytes | Map<string, never>>([
      ['fmt', 'none'],
      ['attStmt', attStmt],
      ['authData', authData],
    ]),
  );
  return {
    credential: { id, keys, userHandle: options.user.id, counter },
    response: {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientData(forge, 'webauthn.create', options.challenge)),
        attestationObject: b64url(attestationObject),
        transports: forge.transports ?? ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    },
  };
}

/**
 * Signs the server's request options with `credential`: ECDSA over authenticatorData | SHA-256(clientDataJSON).
 * The counter sent is `forge.counter`, or one more than the last; the credential remembers it.
 */
export async function authenticate(
  credential: SoftCredential,
  options: PublicKeyCredentialRequestOptionsJSON,
  forge: Forge = {},
): Promise<AuthenticationResponseJSON> {
  const counter = forge.counter ?? credential.counter + 1;
  credential.counter = counter;
  const data = clientData(forge, 'webauthn.get', options.challenge);
  const authData = await authenticatorData(forge, options.rpId ?? 'localhost', counter);
  const signed = isoUint8Array.concat([authData, await sha256(data)]);
  const raw = new Uint8Array(
    await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      forge.signingKey ?? credential.keys.privateKey,
      signed,
    ),
  );
  const userHandle = forge.userHandle === undefined ? credential.userHandle : forge.userHandle;
  const id = forge.credentialId ?? credential.id;
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: {
      clientDataJSON: b64url(data),
      authenticatorData: b64url(authData),
      signature: b64url(derSignature(raw)),
      ...(userHandle === null ? {} : { userHandle }),
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
  };
}
