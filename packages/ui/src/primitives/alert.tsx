import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './cx.js';

export interface AlertProps extends Omit<HTMLAttributes<HTMLDivElement>, 'role'> {
  tone: 'error' | 'success' | 'warning' | 'info';
  children?: ReactNode;
}

/**
 * A message that screen readers announce when it appears: errors assertively (`role="alert"`), the rest
 * politely (`role="status"`). Render it always and change its children, or mount it with its message.
 */
export function Alert({ tone, className, children, ...rest }: AlertProps) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cx('mfa-alert', className)}
      data-tone={tone}
      data-empty={children ? undefined : ''}
      {...rest}
    >
      {children}
    </div>
  );
}
