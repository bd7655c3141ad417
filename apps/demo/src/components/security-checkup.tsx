/**
 * Two-step verification at a glance, from the hooks: `useDevices()` for the factors and `useMfa()` for the
 * recovery codes left. Our own markup; the Security page has the drop-in components.
 */
import { useDevices, useMfa } from '@mfa-kit/react';
import { useId } from 'react';
import { useT } from '../preferences.js';
import { Link } from '../router.js';

export function SecurityCheckup() {
  const t = useT();
  const text = t.wallet.checkup;
  const { devices, isLoading } = useDevices();
  const { recoveryCodes } = useMfa();
  const id = useId();
  const on = devices.length > 0;
  return (
    <section
      className="card checkup-card"
      data-state={isLoading ? 'loading' : on ? 'on' : 'off'}
      aria-labelledby={`${id}-title`}
      aria-busy={isLoading || undefined}
    >
      <h2 id={`${id}-title`} className="card-title">
        {text.title}{' '}
        {isLoading ? null : (
          <span className="badge" data-tone={on ? 'success' : 'warning'}>
            {on ? text.on : text.off}
          </span>
        )}
      </h2>
      {isLoading ? (
        <p className="card-text">{t.common.loading}</p>
      ) : on ? (
        <p className="card-text">
          {text.methods(devices.length)} · {text.codes(recoveryCodes.remaining)}
        </p>
      ) : (
        <p className="card-text">{text.offHint}</p>
      )}
      <Link to="/security" className="button" data-variant={on ? 'secondary' : 'primary'}>
        {on ? text.manage : text.add}
      </Link>
    </section>
  );
}
