/**
 * The builder's shared components: accessible primitives (Radix; the native <dialog> for modal
 * forms) and the lucide icon map. They draw with the builder's design tokens (CSS variables) and
 * its global `btn`/`input`/`field` classes.
 */
export { Icon, type IconName } from './icon';
export { FormDialog, DialogWarningIcon } from './form-dialog';
export { ConfirmDialog, type TypedConfirmation } from './confirm-dialog';
export { CopyButton } from './copy-button';
export { Popover, PopoverClose } from './popover';
export { Menu, MenuItem, MenuNote } from './menu';
export { EmptyState, ErrorState, LoadingState } from './states';
export { QueryList, type ListQuery } from './query-list';
export { ConfirmDelete } from './confirm-delete';
export { ErrorTextContext } from './error-text';
