import type { SVGProps } from 'react';

const base = {
  width: 20,
  height: 20,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
};

/** An authenticator app: a phone with a clock. */
export function TotpIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <rect x="6" y="2" width="12" height="20" rx="2" />
      <circle cx="12" cy="11" r="3.5" />
      <path d="M12 9.5V11l1 1" />
      <path d="M10.5 18.5h3" />
    </svg>
  );
}

/** A passkey: a key. */
export function PasskeyIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <circle cx="8" cy="8" r="5" />
      <path d="M11.5 11.5 21 21" />
      <path d="M16 16l2.5-2.5" />
      <path d="M18.5 18.5 21 16" />
    </svg>
  );
}

/** Recovery codes: a sheet with lines. */
export function RecoveryIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M8 8h8M8 12h8M8 16h5" />
    </svg>
  );
}

export function CopyIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <rect x="9" y="9" width="12" height="12" rx="2" />
      <path d="M5 15V5a2 2 0 0 1 2-2h10" />
    </svg>
  );
}

export function CheckIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <path d="M5 12.5 10 17l9-10" />
    </svg>
  );
}

export function WarningIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <path d="M12 3 2 20h20L12 3z" />
      <path d="M12 10v4M12 17h.01" />
    </svg>
  );
}

/* Re-authentication (StepUpDialog's on-demand screens import them). */

/** An envelope. */
export function EmailIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </svg>
  );
}

/** A speech bubble. */
export function SmsIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <path d="M4 5h16v11H9l-5 4z" />
      <path d="M8 10h8" />
    </svg>
  );
}

/** A wallet. */
export function WalletIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg aria-hidden="true" focusable="false" {...base} {...props}>
      <path d="M4 7a2 2 0 0 1 2-2h12v4" />
      <rect x="4" y="7" width="16" height="12" rx="2" />
      <path d="M16 13h1.5" />
    </svg>
  );
}
