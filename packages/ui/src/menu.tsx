'use client';

import { DropdownMenu } from 'radix-ui';
import type { ReactNode } from 'react';
import styles from './popover.module.css';

/**
 * A menu of actions that opens from a button (Radix DropdownMenu): arrow keys move between items,
 * typing jumps to one, Enter or a click runs it and closes the menu, Esc closes it and focus goes
 * back to the button. Rendered in place (no portal).
 */
export function Menu({
  trigger,
  children,
  label,
  align = 'end',
  open,
  onOpenChange,
  testId,
}: {
  trigger: ReactNode;
  children: ReactNode;
  label: string;
  align?: 'start' | 'center' | 'end';
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  testId?: string;
}) {
  return (
    <DropdownMenu.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <DropdownMenu.Trigger asChild>{trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Content className={`${styles.surface} ${styles.menu}`} align={align} sideOffset={6} collisionPadding={8} aria-label={label} data-testid={testId}>
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  );
}

/** One action of a menu: a title, and an optional line under it. */
export function MenuItem({
  children,
  detail,
  disabled = false,
  onSelect,
  testId,
}: {
  children: ReactNode;
  detail?: ReactNode;
  disabled?: boolean;
  onSelect: () => void;
  testId?: string;
}) {
  return (
    <DropdownMenu.Item className={styles.item} disabled={disabled} onSelect={onSelect} data-testid={testId}>
      <span className={styles.itemTitle}>{children}</span>
      {detail ? <span className={styles.itemDetail}>{detail}</span> : null}
    </DropdownMenu.Item>
  );
}

/** A line in a menu that is not an action (e.g. "No macros yet"). */
export function MenuNote({ children }: { children: ReactNode }) {
  return <p className={styles.note}>{children}</p>;
}
