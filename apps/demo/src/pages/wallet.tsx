/**
 * The dashboard, built on the hooks with our own UI: the balance, send money and the recovery phrase
 * (useStepUp), two-step verification at a glance (useMfa, useDevices), and the history.
 */
import { useId } from 'react';
import { ExportPhrase } from '../components/export-phrase.js';
import { History } from '../components/history.js';
import { ErrorState, Loading, Page } from '../components/page.js';
import { SecurityCheckup } from '../components/security-checkup.js';
import { SendMoney } from '../components/send-money.js';
import { errorText } from '../errors.js';
import { formatMoney } from '../i18n.js';
import { useT } from '../preferences.js';
import { useWallet } from '../queries.js';

export function WalletPage() {
  const t = useT();
  const wallet = useWallet();
  const id = useId();
  return (
    <Page title={t.wallet.title} builtWith={{ kind: 'hooks', names: 'useStepUp, useMfa, useDevices' }}>
      {wallet.isPending ? (
        <Loading label={t.wallet.loading} />
      ) : wallet.isError ? (
        <ErrorState
          title={t.wallet.loadFailed}
          message={errorText(t, wallet.error)}
          onRetry={() => void wallet.refetch()}
        />
      ) : (
        <div className="wallet-grid">
          <section className="card balance-card" aria-labelledby={`${id}-balance`}>
            <h2 id={`${id}-balance`} className="card-title">
              {t.wallet.balance}
            </h2>
            <p className="balance" data-testid="balance">
              <span dir="ltr">{formatMoney(wallet.data.balance, t.locale)}</span>
            </p>
            <p className="card-text">
              {t.wallet.signedInAs} <bdi className="email">{wallet.data.email}</bdi>
            </p>
          </section>
          <SecurityCheckup />
          <SendMoney email={wallet.data.email} balance={wallet.data.balance} />
          <ExportPhrase />
          <History entries={wallet.data.history} />
        </div>
      )}
    </Page>
  );
}
