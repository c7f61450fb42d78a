'use client';

import { Popover as Primitive } from 'radix-ui';
import type { ReactNode } from 'react';
import styles from './popover.module.css';

/**
 * A panel that opens from a button (Radix Popover): it stays in the viewport (flips and shifts
 * near edges), Esc and a click outside close it, focus moves in on open and back to the button on
 * close, and the button carries aria-expanded/aria-controls. Rendered in place (no portal), so it
 * belongs to the part of the page that opened it. `className` lays out the content (its width,
 * padding, flex); the surface (background, border, shadow, layering) is the popover's.
 */
export function Popover({
  open,
  onOpenChange,
  trigger,
  children,
  label,
  align = 'start',
  className,
  testId,
  onOpenAutoFocus,
}: {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The button that opens it (its own props and test id are kept). */
  trigger: ReactNode;
  children: ReactNode;
  /** What the panel is, for screen readers (it is a dialog). */
  label: string;
  align?: 'start' | 'center' | 'end';
  className?: string;
  testId?: string;
  /** Where focus goes on open (default: the first focusable element inside). */
  onOpenAutoFocus?: (event: Event) => void;
}) {
  return (
    <Primitive.Root open={open} onOpenChange={onOpenChange}>
      <Primitive.Trigger asChild>{trigger}</Primitive.Trigger>
      <Primitive.Content
        className={className ? `${styles.surface} ${className}` : styles.surface}
        align={align}
        sideOffset={6}
        collisionPadding={8}
        aria-label={label}
        data-testid={testId}
        onOpenAutoFocus={onOpenAutoFocus}
      >
        {children}
      </Primitive.Content>
    </Primitive.Root>
  );
}

/** Closes the popover it is in (a Cancel button). */
export const PopoverClose = Primitive.Close;
