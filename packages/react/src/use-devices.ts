import type { Device, MfaError } from '@mfa-kit/client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useMfaContext } from './context.js';
import { statusQuery } from './queries.js';
import { toMfaError } from './to-mfa-error.js';
import { useAction } from './use-action.js';

/** What {@link useDevices} returns. Every action rejects with an `MfaError` and also sets `error`. */
export interface UseDevicesResult {
  /** Every verified factor, authenticator apps and passkeys alike, oldest first. */
  devices: readonly Device[];
  /** The list is loading for the first time. */
  isLoading: boolean;
  /** Renames a factor (1 to 64 characters) and resolves to it. */
  rename(id: string, name: string): Promise<Device>;
  /**
   * Removes a factor after step-up (`credential:unlink`, asked through the mounted prompt). Refused with
   * `conflict`, before asking, for the last factor while the policy requires one.
   */
  remove(id: string): Promise<void>;
  /** A rename or remove is running. */
  isPending: boolean;
  /** The last action's error (cleared when the next one starts), else why the list could not load. */
  error: MfaError | null;
}

const NO_DEVICES: readonly Device[] = [];

/**
 * The user's factors for a settings page. Shares its request with useMfa (`GET /status`), so a page
 * using both makes one.
 *
 * @example
 * ```tsx
 * const { devices, rename, remove } = useDevices();
 * return devices.map((d) => <DeviceRow key={d.id} device={d} onRemove={() => remove(d.id)} />);
 * ```
 */
export function useDevices(): UseDevicesResult {
  const { client, queryClient, session, actions } = useMfaContext('useDevices');
  const status = useQuery(statusQuery(client, session), queryClient);
  const { run, isPending, error: actionError } = useAction(queryClient);
  const loadError = status.error;
  return useMemo<UseDevicesResult>(
    () => ({
      devices: status.data?.devices ?? NO_DEVICES,
      isLoading: status.isLoading,
      rename: (id, name) => run(() => actions.renameDevice(id, name)),
      remove: (id) => run(() => actions.removeDevice(id)),
      isPending,
      error: actionError ?? (loadError === null ? null : toMfaError(loadError)),
    }),
    [status.data, status.isLoading, run, actions, isPending, actionError, loadError],
  );
}
