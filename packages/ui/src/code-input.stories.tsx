import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent } from 'storybook/test';
import { CodeInput } from './code-input.js';
import { ar } from './i18n/ar.js';
import { de } from './i18n/de.js';

const meta = {
  title: 'Components/CodeInput',
  component: CodeInput,
  parameters: { mfa: { standalone: true } },
  args: { onComplete: fn(), onValueChange: fn() },
  decorators: [
    (Story) => (
      <div className="mfa-root">
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CodeInput>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvas, args }) => {
    const field = canvas.getByLabelText('Verification code');
    await userEvent.click(field);
    await userEvent.keyboard('492039');
    await expect(args.onComplete).toHaveBeenCalledWith('492039');
  },
};

export const EightDigits: Story = { args: { length: 8 } };

export const Filled: Story = { args: { defaultValue: '492039' } };

export const Loading: Story = { args: { defaultValue: '492039', loading: true } };

export const ErrorState: Story = {
  name: 'Error',
  args: { defaultValue: '000000', error: 'That code isn’t right. Check it and try again.' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('That code isn’t right');
    await expect(canvas.getByLabelText('Verification code')).toHaveAttribute('aria-invalid', 'true');
  },
};

export const Disabled: Story = { args: { disabled: true } };

export const Recovery: Story = {
  args: { mode: 'recovery' },
  play: async ({ canvas, args }) => {
    await userEvent.click(canvas.getByLabelText('Recovery code'));
    await userEvent.keyboard('7KQ2MX9D4F');
    await expect(args.onComplete).toHaveBeenCalledWith('7kq2mx9d4f');
  },
};

export const Controlled: Story = {
  render: (args) => {
    const [value, setValue] = useState('12');
    return (
      <div className="mfa-stack">
        <CodeInput {...args} value={value} onValueChange={setValue} />
        <p>Value: {value || '—'}</p>
      </div>
    );
  },
};

export const Dark: Story = { globals: { theme: 'dark' }, args: { defaultValue: '4920' } };

export const German: Story = { globals: { locale: 'de' }, args: { messages: de } };

export const Arabic: Story = {
  globals: { locale: 'ar' },
  args: { messages: ar },
  play: async ({ canvas, args }) => {
    // Arabic-Indic digits from an Arabic keyboard become the code's ASCII digits.
    await userEvent.click(canvas.getByLabelText('رمز التحقق'));
    await userEvent.keyboard('٤٩٢٠٣٩');
    await expect(args.onComplete).toHaveBeenCalledWith('492039');
  },
};

export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};
