/**
 * Sign-in methods and recovery codes, with the drop-in components: DeviceList (rename, remove behind
 * step-up, add an authenticator app or a passkey in its own dialogs) and RecoveryCodes (how many are left,
 * generate new ones). Their loading and error states, and the step-up they ask for, come with them.
 * Below them, our own card for the ways to confirm it's you without a second step: email, phone, wallets.
 */
import { DeviceList, RecoveryCodes } from '@mfa-kit/ui';
import { ContactsCard } from '../components/contacts.js';
import { Page } from '../components/page.js';
import { useT } from '../preferences.js';

export function SecurityPage() {
  const t = useT();
  return (
    <Page
      title={t.security.title}
      intro={t.security.intro}
      builtWith={{ kind: 'drop-in', names: 'DeviceList, RecoveryCodes, StepUpDialog' }}
    >
      <div className="security-grid">
        <DeviceList className="card" />
        <RecoveryCodes
          className="card"
          title={t.security.sheetTitle}
          fileName="acme-wallet-recovery-codes.txt"
        />
        <ContactsCard />
      </div>
    </Page>
  );
}
