/**
 * The demo's MFA policy, built on the hooks with our own UI: switches for the policy of the signed-in
 * account (the demo's `/api/policy`; every account has its own), and beside them what `useMfa()` and
 * `useStepUp()` report for this session. Saving refetches the MFA queries (keys under 'mfa'), so the
 * hooks show the new policy at once.
 */
import { useMfa, useStepUp } from '@mfa-kit/react';
import { useMessages } from '@mfa-kit/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { type DemoPolicy, REAUTH_METHODS, type ReauthMethod } from '../../server/api.js';
import { api } from '../api.js';
import { ErrorState, Loading, Page, Spinner } from '../components/page.js';
import { errorText } from '../errors.js';
import { useT } from '../preferences.js';
import { policyKey, refreshStepUpWays, usePolicy } from '../queries.js';

export function PolicyPage() {
  const t = useT();
  const policy = usePolicy();
  return (
    <Page
      title={t.policy.title}
      intro={t.policy.intro}
      builtWith={{ kind: 'hooks', names: 'useMfa, useStepUp' }}
    >
      <p className="notice" data-tone="warning">
        {t.policy.warning}
      </p>
      <div className="policy-grid">
        {policy.isPending ? (
          <div className="card">
            <Loading label={t.policy.loading} />
          </div>
        ) : policy.isError ? (
          <ErrorState
            title={t.policy.loadFailed}
            message={errorText(t, policy.error)}
            onRetry={() => void policy.refetch()}
          />
        ) : (
          <PolicyForm saved={policy.data} />
        )}
        <HooksNow />
      </div>
    </Page>
  );
}

function Switch({
  label,
  description,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  description: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled: boolean;
}) {
  const id = useId();
  return (
    <div className="switch-row">
      <input
        id={id}
        className="switch"
        type="checkbox"
        role="switch"
        checked={checked}
        aria-checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-description`}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div className="switch-text">
        <label className="label" htmlFor={id}>
          {label}
        </label>
        <p id={`${id}-description`} className="field-hint">
          {description}
        </p>
      </div>
    </div>
  );
}

function PolicyForm({ saved }: { saved: DemoPolicy }) {
  const t = useT();
  const text = t.policy;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(saved);
  const [announced, setAnnounced] = useState(false);
  const id = useId();
  const save = useMutation({
    mutationFn: api.savePolicy,
    onSuccess: (next) => {
      queryClient.setQueryData(policyKey, next);
      setDraft(next);
      setAnnounced(true);
      // The MFA server reads the policy on every request; the hooks' cached config and step-up checks
      // are now out of date.
      void queryClient.invalidateQueries({ queryKey: ['mfa'] });
      refreshStepUpWays(queryClient);
    },
  });
  const change = (next: DemoPolicy) => {
    setDraft(next);
    setAnnounced(false);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!save.isPending) save.mutate(draft);
  };
  const stepUp = (scope: keyof DemoPolicy['stepUp'], on: boolean) =>
    change({ ...draft, stepUp: { ...draft.stepUp, [scope]: on } });
  const reauthMethod = (method: ReauthMethod, on: boolean) =>
    change({
      ...draft,
      reauth: {
        ...draft.reauth,
        methods: REAUTH_METHODS.filter((m) => (m === method ? on : draft.reauth.methods.includes(m))),
      },
    });

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {text.legend}
      </h2>
      <fieldset className="switches">
        <legend className="visually-hidden">{text.legend}</legend>
        <Switch
          label={text.required.label}
          description={text.required.description}
          checked={draft.required}
          disabled={save.isPending}
          onChange={(on) => change({ ...draft, required: on })}
        />
        <Switch
          label={text.sessionMfa.label}
          description={text.sessionMfa.description}
          checked={draft.sessionMfa}
          disabled={save.isPending}
          onChange={(on) => change({ ...draft, sessionMfa: on })}
        />
        <Switch
          label={text.transfer.label}
          description={text.transfer.description}
          checked={draft.stepUp['wallet:transfer']}
          disabled={save.isPending}
          onChange={(on) => stepUp('wallet:transfer', on)}
        />
        <Switch
          label={text.export.label}
          description={text.export.description}
          checked={draft.stepUp['wallet:export']}
          disabled={save.isPending}
          onChange={(on) => stepUp('wallet:export', on)}
        />
      </fieldset>
      <fieldset className="switches" aria-describedby={`${id}-reauth-intro`}>
        <legend className="switches-legend">{text.reauth.legend}</legend>
        <p id={`${id}-reauth-intro`} className="field-hint">
          {text.reauth.intro}
        </p>
        {REAUTH_METHODS.map((method) => (
          <Switch
            key={method}
            label={text.reauth[method].label}
            description={text.reauth[method].description}
            checked={draft.reauth.methods.includes(method)}
            disabled={save.isPending}
            onChange={(on) => reauthMethod(method, on)}
          />
        ))}
        <Switch
          label={text.reauth.allowWithMfa.label}
          description={text.reauth.allowWithMfa.description}
          checked={draft.reauth.allowWithMfa}
          disabled={save.isPending}
          onChange={(on) => change({ ...draft, reauth: { ...draft.reauth, allowWithMfa: on } })}
        />
      </fieldset>
      <div className="form-actions">
        <button
          type="submit"
          className="button"
          data-variant="primary"
          aria-disabled={save.isPending || undefined}
        >
          {save.isPending ? <Spinner /> : null}
          {save.isPending ? text.saving : text.save}
        </button>
      </div>
      <div role="alert" className="form-error" data-empty={save.isError ? undefined : ''}>
        {save.isError ? errorText(t, save.error) : null}
      </div>
      <p role="status" className="form-status" data-empty={announced ? undefined : ''}>
        {announced ? text.saved : null}
      </p>
    </form>
  );
}

/** What the hooks report for this session, live. */
function HooksNow() {
  const t = useT();
  const text = t.policy.live;
  const messages = useMessages();
  const { status, required, enrollableMethods } = useMfa();
  const transfer = useStepUp({ scope: 'wallet:transfer' });
  const exportPhrase = useStepUp({ scope: 'wallet:export' });
  const id = useId();
  const rows = [
    { label: text.status, hook: 'useMfa().status', value: text.statuses[status] },
    { label: text.required, hook: 'useMfa().required', value: required ? text.yes : text.no },
    {
      label: text.methods,
      hook: 'useMfa().enrollableMethods',
      value: enrollableMethods.map((method) => messages.common.method[method]).join(', ') || text.none,
    },
    {
      label: text.transfer,
      hook: "useStepUp({ scope: 'wallet:transfer' }).isRequired",
      value: transfer.isRequired ? text.asks : text.doesNotAsk,
    },
    {
      label: text.export,
      hook: "useStepUp({ scope: 'wallet:export' }).isRequired",
      value: exportPhrase.isRequired ? text.asks : text.doesNotAsk,
    },
  ];
  return (
    <section className="card hooks-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {text.title}
      </h2>
      <p className="card-text">{text.intro}</p>
      <dl className="facts">
        {rows.map((row) => (
          <div key={row.hook} className="fact">
            <dt>
              {row.label}
              <code className="fact-hook" dir="ltr">
                {row.hook}
              </code>
            </dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
