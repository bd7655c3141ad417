'use client';
/**
 * DeviceList: every factor of the user (authenticator apps and passkeys, from useDevices) with its kind,
 * name, when it was added and last used; rename in place, remove behind a confirmation and step-up, and
 * buttons to add the kinds the policy allows. Parts are in ./device-list/.
 */
import { forwardRef } from 'react';
import { DeviceListAdd } from './device-list/add.js';
import {
  DeviceListIcon,
  DeviceListItem,
  DeviceListItemError,
  DeviceListMeta,
  DeviceListNote,
} from './device-list/item.js';
import {
  DeviceListActions,
  DeviceListDescription,
  DeviceListEmpty,
  DeviceListError,
  DeviceListItems,
  DeviceListLoading,
  DeviceListStatus,
  DeviceListTitle,
} from './device-list/parts.js';
import { DeviceListRemove } from './device-list/remove.js';
import { DeviceListName, DeviceListRename } from './device-list/rename.js';
import { DeviceListRoot, type DeviceListRootProps } from './device-list/root.js';

export { DeviceListAdd, type DeviceListAddProps } from './device-list/add.js';
export type { DeviceListItemState, DeviceListState } from './device-list/context.js';
export {
  DeviceListIcon,
  type DeviceListIconProps,
  DeviceListItem,
  DeviceListItemError,
  type DeviceListItemErrorProps,
  type DeviceListItemProps,
  DeviceListMeta,
  type DeviceListMetaProps,
  DeviceListNote,
  type DeviceListNoteProps,
} from './device-list/item.js';
export {
  DeviceListActions,
  type DeviceListActionsProps,
  DeviceListDescription,
  type DeviceListDescriptionProps,
  DeviceListEmpty,
  type DeviceListEmptyProps,
  DeviceListError,
  type DeviceListErrorProps,
  DeviceListItems,
  type DeviceListItemsProps,
  DeviceListLoading,
  type DeviceListLoadingProps,
  DeviceListStatus,
  type DeviceListStatusProps,
  DeviceListTitle,
  type DeviceListTitleProps,
} from './device-list/parts.js';
export { DeviceListRemove, type DeviceListRemoveProps } from './device-list/remove.js';
export {
  DeviceListName,
  type DeviceListNameProps,
  DeviceListRename,
  type DeviceListRenameProps,
} from './device-list/rename.js';
export { DeviceListRoot, type DeviceListRootProps } from './device-list/root.js';

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
