import { type ButtonHTMLAttributes, forwardRef } from 'react';
import { cx } from './cx.js';
import { Spinner } from './spinner.js';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  /** Shows a spinner, sets `aria-busy` and ignores clicks; the label stays for screen readers. */
  loading?: boolean;
}

/** The one button of the kit; state is in data attributes (`data-variant`, `data-loading`). */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'primary', loading = false, className, children, disabled, type = 'button', onClick, ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={cx('mfa-button', className)}
      data-variant={variant}
      data-loading={loading ? '' : undefined}
      aria-busy={loading || undefined}
      aria-disabled={disabled || loading || undefined}
      disabled={disabled}
      onClick={(event) => {
        if (loading) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    >
      {loading ? <Spinner /> : null}
      <span className="mfa-button-label">{children}</span>
    </button>
  );
});
