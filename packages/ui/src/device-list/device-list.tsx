'use client';
/**
 * DeviceList: every factor of the user (authenticator apps and passkeys, from useDevices) with its kind,
 * name, when it was added and last used; rename in place, remove behind a confirmation and step-up, and
 * buttons to add the kinds the policy allows. The parts are in the files beside this one.
 */
import { forwardRef } from 'react';
import { DeviceListAdd } from './add.js';
import {
  DeviceListIcon,
  DeviceListItem,
  DeviceListItemError,
  DeviceListMeta,
  DeviceListNote,
} from './item.js';
import {
  DeviceListActions,
  DeviceListDescription,
  DeviceListEmpty,
  DeviceListError,
  DeviceListItems,
  DeviceListLoading,
  DeviceListStatus,
  DeviceListTitle,
} from './parts.js';
import { DeviceListRemove } from './remove.js';
import { DeviceListName, DeviceListRename } from './rename.js';
import { DeviceListRoot, type DeviceListRootProps } from './root.js';

export interface DeviceListProps extends Omit<DeviceListRootProps, 'children'> {
  /** Heading level of the title. Default 2. */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** Hide the description under the title. */
  hideDescription?: boolean;
}

/**
 * The ready composition: title, description, the list (or its loading, error and empty states), a live
 * status line and the Add buttons.
 *
 * @example
 * <DeviceList onAddTotp={() => router.push('/settings/mfa/app')} />
 */
const DeviceListComposed = forwardRef<HTMLElement, DeviceListProps>(function DeviceList(
  { headingLevel = 2, hideDescription = false, ...root },
  ref,
) {
  return (
    <DeviceListRoot ref={ref} {...root}>
      <DeviceListTitle level={headingLevel} />
      {hideDescription ? null : <DeviceListDescription />}
      <DeviceListLoading />
      <DeviceListError />
      <DeviceListEmpty />
      <DeviceListItems />
      <DeviceListStatus />
      <DeviceListActions>
        <DeviceListAdd method="totp" />
        <DeviceListAdd method="passkey" />
      </DeviceListActions>
    </DeviceListRoot>
  );
});

/**
 * The ready composition, with its parts as `DeviceList.Root`, `.Title`, `.Description`, `.Loading`,
 * `.Error`, `.Empty`, `.Items`, `.Item`, `.Icon`, `.Name`, `.Meta`, `.Rename`, `.Remove`, `.Note`, `.ItemError`,
 * `.Status`, `.Actions` and `.Add`.
 */
export const DeviceList = Object.assign(DeviceListComposed, {
  Root: DeviceListRoot,
  Title: DeviceListTitle,
  Description: DeviceListDescription,
  Loading: DeviceListLoading,
  Error: DeviceListError,
  Empty: DeviceListEmpty,
  Items: DeviceListItems,
  Item: DeviceListItem,
  Icon: DeviceListIcon,
  Name: DeviceListName,
  Meta: DeviceListMeta,
  Rename: DeviceListRename,
  Remove: DeviceListRemove,
  Note: DeviceListNote,
  ItemError: DeviceListItemError,
  Status: DeviceListStatus,
  Actions: DeviceListActions,
  Add: DeviceListAdd,
});
