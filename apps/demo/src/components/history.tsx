/** The wallet's history, newest first: what happened, with whom, when, and the balance after it. */
import { useId } from 'react';
import type { HistoryEntry } from '../../server/api.js';
import { formatDate, formatMoney } from '../i18n.js';
import { useT } from '../preferences.js';

export function History({ entries }: { entries: readonly HistoryEntry[] }) {
  const t = useT();
  const text = t.wallet.history;
  const id = useId();
  return (
    <section className="card history-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {text.title}
      </h2>
      {entries.length === 0 ? (
        <p className="card-text">{text.empty}</p>
      ) : (
        <ol className="history" aria-labelledby={`${id}-title`}>
          {entries.map((entry) => (
            <li key={entry.id} className="history-item" data-type={entry.type}>
              <p className="history-what">
                {entry.type === 'welcome_bonus' ? (
                  text.welcome
                ) : (
                  <>
                    {entry.type === 'transfer_sent' ? text.sentTo : text.receivedFrom}{' '}
                    <bdi className="history-party">{entry.counterparty}</bdi>
                  </>
                )}
              </p>
              <p className="history-amount" data-sign={entry.amount.startsWith('-') ? 'minus' : 'plus'}>
                <span dir="ltr">{formatMoney(entry.amount, t.locale, true)}</span>
              </p>
              <p className="history-when">
                <time dateTime={entry.createdAt}>{formatDate(entry.createdAt, t.locale)}</time>
              </p>
              <p className="history-after">
                {text.balanceAfter} <span dir="ltr">{formatMoney(entry.balanceAfter, t.locale)}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
