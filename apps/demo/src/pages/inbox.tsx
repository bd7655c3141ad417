/**
 * The development Inbox: the emails and text messages Acme Wallet sent to the signed-in account's email
 * address and phone numbers (`GET /api/dev/outbox`), newest first, refreshed every few seconds, so a
 * visitor reads their own codes. Only outside production: there the route answers 404, and the page says
 * that real messages go to a real mailbox and phone.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { OutboxMessage } from '../../server/api.js';
import { api, retryTransient } from '../api.js';
import { ErrorState, Loading, Page, Spinner } from '../components/page.js';
import { errorText } from '../errors.js';
import type { Language } from '../i18n.js';
import { useT } from '../preferences.js';
import { useContacts, useDevTools } from '../queries.js';

const REFRESH_MS = 3000;

/** To the second: codes asked for a few seconds apart must be told apart. */
const formatTime = (iso: string, locale: Language) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

export function InboxPage() {
  const t = useT();
  const devTools = useDevTools();
  return (
    <Page title={t.inbox.title} intro={t.inbox.intro} width="medium">
      {devTools ? <Inbox /> : <p className="notice">{t.inbox.production}</p>}
    </Page>
  );
}

function Inbox() {
  const t = useT();
  const text = t.inbox;
  const contacts = useContacts();
  const addresses = contacts.data
    ? [
        contacts.data.email,
        ...new Set([contacts.data.phone, contacts.data.pendingPhone?.phone].filter((a): a is string => !!a)),
      ]
    : [];
  const messages = useQuery({
    queryKey: ['app', 'outbox', addresses],
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(addresses.map((address) => api.outbox(address, signal)));
      return lists.flat().sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
    },
    enabled: addresses.length > 0,
    refetchInterval: REFRESH_MS,
    retry: retryTransient,
  });
  const id = useId();

  if (contacts.isPending || (addresses.length > 0 && messages.isPending)) {
    return <Loading label={text.loading} />;
  }
  const failure = contacts.error ?? messages.error;
  if (failure) {
    return (
      <ErrorState
        title={text.loadFailed}
        message={errorText(t, failure)}
        onRetry={() => void (contacts.isError ? contacts.refetch() : messages.refetch())}
      />
    );
  }
  const list = messages.data ?? [];
  return (
    <section className="card inbox-card" aria-labelledby={`${id}-title`}>
      <div className="inbox-header">
        <h2 id={`${id}-title`} className="card-title">
          {text.messages}
        </h2>
        <button
          type="button"
          className="button"
          data-variant="secondary"
          aria-disabled={messages.isFetching || undefined}
          onClick={() => {
            if (!messages.isFetching) void messages.refetch();
          }}
        >
          {messages.isFetching ? <Spinner /> : null}
          {text.refresh}
        </button>
      </div>
      <p className="card-text">
        {text.addresses}{' '}
        {addresses.map((address, index) => (
          <span key={address}>
            {index > 0 ? ', ' : null}
            <bdi dir="ltr">{address}</bdi>
          </span>
        ))}
        . {text.autoRefresh}
      </p>
      <Count count={list.length} />
      {list.length === 0 ? (
        <p className="card-text">{text.empty}</p>
      ) : (
        <ol className="inbox" aria-labelledby={`${id}-title`}>
          {list.map((message) => (
            <Message
              key={`${message.channel}:${message.to}:${message.sentAt}:${message.text}`}
              message={message}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

/** How many messages there are, announced politely when it changes (not on every refresh). */
function Count({ count }: { count: number }) {
  const t = useT();
  const [announced, setAnnounced] = useState(count);
  useEffect(() => setAnnounced(count), [count]);
  return (
    <p role="status" className="visually-hidden">
      {t.inbox.count(announced)}
    </p>
  );
}

function Message({ message }: { message: OutboxMessage }) {
  const t = useT();
  const text = t.inbox;
  const id = useId();
  return (
    <li className="inbox-message" data-channel={message.channel} aria-labelledby={`${id}-title`}>
      <p className="inbox-meta">
        <span className="badge" data-tone="info">
          {message.channel === 'email' ? text.email : text.sms}
        </span>{' '}
        {text.to} <bdi dir="ltr">{message.to}</bdi> ·{' '}
        <time dateTime={message.sentAt}>{formatTime(message.sentAt, t.locale)}</time>
      </p>
      <h3 id={`${id}-title`} className="inbox-subject">
        {message.subject ?? text.smsTitle}
      </h3>
      <p className="inbox-text" dir="auto">
        {message.text}
      </p>
    </li>
  );
}
