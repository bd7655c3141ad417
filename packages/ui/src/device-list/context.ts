import type { Device, MfaError, MfaMethod } from '@mfa-kit/client';
import type { RefObject } from 'react';
import type { Messages } from '../i18n/index.js';
import { createContext } from '../primitives/create-context.js';

/** Where the list stands: `loading` (first load), `error` (could not load), `empty`, or `ready`. */
export type DeviceListState = 'loading' | 'error' | 'empty' | 'ready';

export interface DeviceListContextValue {
  state: DeviceListState;
  devices: readonly Device[];
  /** Why the list could not be loaded (with `state: 'error'`). */
  loadError: MfaError | null;
  messages: Messages;
  /** A factor's name as shown and announced: its own, else the numbered default (`deviceDisplayName`). */
  nameOf(device: Device): string;
  /** Now, in ms, refreshed every minute so "Last used 5 minutes ago" keeps up. */
  now: number;
  disabled: boolean;
  /** The only factor left cannot be removed: the policy requires one. */
  lastFactorLocked: boolean;
  enrollableMethods: readonly MfaMethod[];
  onAddTotp: (() => void) | undefined;
  onAddPasskey: (() => void) | undefined;
  titleId: string;
  descriptionId: string;
  /** What the last action achieved ("Renamed to Work phone."), for the live region of DeviceList.Status. */
  announcement: string;
  announce(text: string): void;
  retry(): void;
  rename(device: Device, name: string): Promise<Device>;
  /** Removes after step-up; then focus moves to the next row, or to the heading. */
  remove(device: Device): Promise<void>;
  /** The server (or the hooks) refused to remove the last factor: MFA is required here (`true`). */
  learnRequired(required: true): void;
  titleRef: RefObject<HTMLHeadingElement | null>;
}

export const [DeviceListProvider, useDeviceList] = createContext<DeviceListContextValue>('DeviceList');

/** What a row is doing: `idle`, `editing` the name, `saving` it, or `removing` the factor. */
export type DeviceListItemState = 'idle' | 'editing' | 'saving' | 'removing';

export interface DeviceListItemContextValue {
  device: Device;
  state: DeviceListItemState;
  setState(state: DeviceListItemState): void;
  /** The last action's error in this row, or null. */
  error: MfaError | null;
  setError(error: MfaError | null): void;
  nameId: string;
  typeId: string;
  /**
   * The name doesn't say the kind (the user named it "Pixel 9"), so the row shows the kind too and is
   * named by both; a default name ("Authenticator app 2") is the kind already.
   */
  showsKind: boolean;
  errorId: string;
  noteId: string;
  fieldId: string;
  /** The Rename button, to get focus back after a rename ends. */
  renameRef: RefObject<HTMLButtonElement | null>;
  /** Ends editing and puts focus back on the Rename button. */
  stopEditing(): void;
}

export const [DeviceListItemProvider, useDeviceListItem] = createContext<DeviceListItemContextValue>(
  'DeviceList',
  'Item',
);
