import type { Device } from '@mfa-kit/client';
import type { Messages } from './i18n/index.js';

export interface DeviceDisplayNameOptions {
  messages: Messages;
  /**
   * The user's factors, oldest first (`useDevices().devices`), to number a factor without a name by its
   * place among those of its kind. Defaults to none: the kind's name without a number.
   */
  devices?: readonly Device[] | undefined;
}

/**
 * A factor's name as every component shows and announces it: the name the user gave, else the kind's
 * localized default (`messages.devices.defaultName`), numbered by its place among the user's factors of
 * that kind, oldest first ("Authenticator app", "Authenticator app 2"). The server stores no name for
 * such a factor (docs/protocol.md §4), so the default follows the reader's language. A factor not (yet)
 * in `devices` is taken to be the newest of its kind.
 */
export function deviceDisplayName(
  device: Device,
  { messages, devices = [] }: DeviceDisplayNameOptions,
): string {
  if (device.name) return device.name;
  const kind = devices.filter((other) => other.type === device.type);
  const index = kind.findIndex((other) => other.id === device.id);
  return messages.devices.defaultName(device.type, (index < 0 ? kind.length : index) + 1);
}
