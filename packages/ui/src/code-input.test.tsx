import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CodeInput, sanitizeCode } from './index.js';

function Harness(props: {
  mode?: 'numeric' | 'recovery';
  length?: number;
  onComplete?: (v: string) => void;
}) {
  const [value, setValue] = useState('');
  return (
    <div className="mfa-root">
      <CodeInput {...props} value={value} onValueChange={setValue} />
      <output data-testid="value">{value}</output>
    </div>
  );
}

const field = () => page.getByLabelText('Verification code');
const shown = () => page.getByTestId('value').element().textContent;

describe('CodeInput in Chromium', () => {
  it('takes typed digits, ignores letters, and completes once', async () => {
    const onComplete = vi.fn();
    await render(<Harness onComplete={onComplete} />);
    await userEvent.click(field());
    await userEvent.keyboard('12a3456');
    expect(shown()).toBe('123456');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith('123456');
    await userEvent.keyboard('7');
    expect(shown()).toBe('123456');
  });

  it('takes a pasted code whole, also "123 456" and "123-456"', async () => {
    for (const pasted of ['492039', '492 039', '492-039', ' 492039 ']) {
      const onComplete = vi.fn();
      const { unmount } = await render(<Harness onComplete={onComplete} />);
      await userEvent.click(field());
      await navigator.clipboard.writeText(pasted);
      await userEvent.keyboard('{Control>}v{/Control}');
      await expect.poll(shown).toBe('492039');
      expect(onComplete).toHaveBeenCalledWith('492039');
      await unmount();
    }
  });

  it('refuses a paste that is not a code, and keeps what was there', async () => {
    await render(<Harness />);
    await userEvent.click(field());
    await userEvent.keyboard('12');
    await navigator.clipboard.writeText('call me maybe');
    await userEvent.keyboard('{Control>}v{/Control}');
    expect(shown()).toBe('12');
    expect((field().element() as HTMLInputElement).value).toBe('12');
  });

  it('deletes with Backspace, and moves with arrows and Home/End', async () => {
    await render(<Harness />);
    await userEvent.click(field());
    await userEvent.keyboard('123456');
    await userEvent.keyboard('{Backspace}{Backspace}');
    expect(shown()).toBe('1234');
    await userEvent.keyboard('{Home}9');
    expect(shown()).toBe('91234');
    await userEvent.keyboard('{End}{ArrowLeft}{Backspace}');
    expect(shown()).toBe('9124');
    const input = field().element() as HTMLInputElement;
    expect(input.selectionStart).toBe(3);
    const active = document.querySelector('.mfa-code-input-slot[data-active]');
    expect([...document.querySelectorAll('.mfa-code-input-slot')].indexOf(active as Element)).toBe(3);
  });

  it('accepts a value set by autofill (as a password manager or the OS does), and digits of other scripts', async () => {
    const onComplete = vi.fn();
    await render(<Harness onComplete={onComplete} />);
    const input = field().element() as HTMLInputElement;
    // What autofill does: set the value natively and fire input.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, '٤٩٢٠٣٩');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await expect.poll(shown).toBe('492039');
    expect(onComplete).toHaveBeenCalledWith('492039');
  });

  it('has the attributes platforms autofill by, and a name screen readers read', async () => {
    await render(<Harness length={8} />);
    const input = field().element() as HTMLInputElement;
    expect(input.autocomplete).toBe('one-time-code');
    expect(input.inputMode).toBe('numeric');
    expect(input.getAttribute('aria-describedby')).toContain(document.querySelector('.mfa-hint')?.id);
    expect(document.querySelectorAll('.mfa-code-input-slot')).toHaveLength(8);
    expect(document.querySelector('.mfa-code-input-slots')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('takes recovery codes in any case, with or without the hyphen', async () => {
    await render(<Harness mode="recovery" />);
    await userEvent.click(page.getByLabelText('Recovery code'));
    await navigator.clipboard.writeText('7KQ2M-X9D4F');
    await userEvent.keyboard('{Control>}v{/Control}');
    await expect.poll(shown).toBe('7kq2mx9d4f');
    expect(document.querySelectorAll('.mfa-code-input-slot')).toHaveLength(10);
  });

  it('says when it is invalid, busy or disabled', async () => {
    await render(
      <div className="mfa-root">
        <CodeInput error="That code isn’t right." loading={false} />
        <CodeInput loading inputProps={{ 'aria-label': 'Busy code' }} hideLabel />
        <CodeInput disabled inputProps={{ 'aria-label': 'Off code' }} hideLabel />
      </div>,
    );
    const invalid = page.getByRole('textbox', { name: 'Verification code' });
    await expect.element(invalid).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByRole('alert')).toHaveTextContent('That code isn’t right.');
    expect((invalid.element() as HTMLInputElement).getAttribute('aria-describedby')).toContain(
      page.getByRole('alert').element().id,
    );
    await expect
      .element(page.getByRole('textbox', { name: 'Busy code' }))
      .toHaveAttribute('aria-busy', 'true');
    await expect.element(page.getByRole('textbox', { name: 'Off code' })).toBeDisabled();
  });
});

describe('sanitizeCode', () => {
  it('keeps digits of a numeric code and refuses anything else', () => {
    expect(sanitizeCode('123 456', 'numeric', 6)).toBe('123456');
    expect(sanitizeCode('１２３４５６', 'numeric', 6)).toBe('123456');
    expect(sanitizeCode('12345678', 'numeric', 6)).toBe('123456');
    expect(sanitizeCode('12a', 'numeric', 6)).toBeNull();
    expect(sanitizeCode('ABCDE-12345', 'recovery', 10)).toBe('abcde12345');
    expect(sanitizeCode('abc!', 'recovery', 10)).toBeNull();
  });
});
