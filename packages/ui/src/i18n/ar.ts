/** Arabic strings of every component: `import { ar } from '@mfa-kit/ui/locales/ar'`, then `<MfaUiProvider messages={ar}>`. */
import type { Messages } from './index.js';
import { challengeAr } from './sections/challenge.js';
import { codeInputAr } from './sections/code-input.js';
import { commonAr, errorsAr, scopesAr } from './sections/common.js';
import { devicesAr } from './sections/devices.js';
import { gateAr } from './sections/gate.js';
import { passkeyAr } from './sections/passkey.js';
import { reauthAr } from './sections/reauth.js';
import { recoveryCodesAr } from './sections/recovery-codes.js';
import { stepUpAr } from './sections/step-up.js';
import { totpSetupAr } from './sections/totp-setup.js';

export const ar: Messages = {
  locale: 'ar',
  dir: 'rtl',
  common: commonAr,
  errors: errorsAr,
  scopes: scopesAr,
  codeInput: codeInputAr,
  challenge: challengeAr,
  stepUp: stepUpAr,
  gate: gateAr,
  totpSetup: totpSetupAr,
  passkey: passkeyAr,
  recoveryCodes: recoveryCodesAr,
  devices: devicesAr,
  reauth: reauthAr,
};
