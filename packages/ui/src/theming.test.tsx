/**
 * Theming as the README says, in Chromium with the real stylesheet: tokens an app sets on `:root` or on
 * any ancestor reach the components, an explicit `data-theme` themes its subtree, and a token built
 * from others (the focus ring) follows the theme it is in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { Button } from './primitives/button.js';

let style: HTMLStyleElement | null = null;
afterEach(() => {
  style?.remove();
  style = null;
});

/** The app's own stylesheet: unlayered, as an app's CSS is. */
function appCss(css: string) {
  style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}

async function button(wrapper: (child: React.ReactNode) => React.ReactNode = (child) => child) {
  const screen = await render(
    wrapper(
      <div className="mfa-root">
        <Button>Confirm</Button>
      </div>,
    ),
  );
  return screen.getByRole('button', { name: 'Confirm' }).element();
}

const background = (element: Element) => getComputedStyle(element).backgroundColor;

describe('theming', () => {
  it('uses the built-in accent when the app sets nothing', async () => {
    expect(background(await button())).toBe('rgb(48, 70, 197)');
  });

  it('takes tokens the app sets on :root', async () => {
    appCss(':root { --mfa-color-accent: rgb(11, 110, 79); }');
    expect(background(await button())).toBe('rgb(11, 110, 79)');
  });

  it('takes tokens any ancestor sets', async () => {
    appCss(
      ':root { --mfa-color-accent: rgb(11, 110, 79); } .brand { --mfa-color-accent: rgb(200, 0, 100); }',
    );
    const inside = await button((child) => <section className="brand">{child}</section>);
    expect(background(inside)).toBe('rgb(200, 0, 100)');
  });

  it('themes the subtree under data-theme="dark", its focus ring included', async () => {
    const inside = await button((child) => <div data-theme="dark">{child}</div>);
    expect(background(inside)).toBe('rgb(154, 169, 255)');
    const ring = getComputedStyle(inside).getPropertyValue('--mfa-focus-ring');
    // The ring's inner colour is the dark background, not the light one declared on :root.
    expect(ring.toLowerCase()).toMatch(/#15171c|rgb\(21, 23, 28\)/);
    // Form controls and scrollbars of the components follow; the page's own are left alone.
    expect(getComputedStyle(inside.closest('.mfa-root') as Element).colorScheme).toBe('dark');
    expect(getComputedStyle(document.documentElement).colorScheme).not.toBe('dark');
  });
});
