/** German strings of every component: `import { de } from '@mfa-kit/ui/locales/de'`, then `<MfaUiProvider messages={de}>`. */
import type { Messages } from './index.js';
import { challengeDe } from './sections/challenge.js';
import { codeInputDe } from './sections/code-input.js';
import { commonDe, errorsDe, scopesDe } from './sections/common.js';
import { devicesDe } from './sections/devices.js';
import { gateDe } from './sections/gate.js';
import { passkeyDe } from './sections/passkey.js';
import { reauthDe } from './sections/reauth.js';
import { recoveryCodesDe } from './sections/recovery-codes.js';
import { stepUpDe } from './sections/step-up.js';
import { totpSetupDe } from './sections/totp-setup.js';

export const de: Messages = {
  locale: 'de',
  dir: 'ltr',
  common: commonDe,
  errors: errorsDe,
  scopes: scopesDe,
  codeInput: codeInputDe,
  challenge: challengeDe,
  stepUp: stepUpDe,
  gate: gateDe,
  totpSetup: totpSetupDe,
  passkey: passkeyDe,
  recoveryCodes: recoveryCodesDe,
  devices: devicesDe,
  reauth: reauthDe,
};
