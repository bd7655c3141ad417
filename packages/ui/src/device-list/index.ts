/** DeviceList's public surface: the ready composition, and each part under its full name. */

export { DeviceListAdd, type DeviceListAddProps } from './add.js';
export type { DeviceListItemState, DeviceListState } from './context.js';
export { DeviceList, type DeviceListProps } from './device-list.js';
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
} from './item.js';
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
} from './parts.js';
export { DeviceListRemove, type DeviceListRemoveProps } from './remove.js';
export {
  DeviceListName,
  type DeviceListNameProps,
  DeviceListRename,
  type DeviceListRenameProps,
} from './rename.js';
export { DeviceListRoot, type DeviceListRootProps } from './root.js';
