'use client';

import type { ReactNode } from 'react';
import { EmptyState } from '@parley/ui';
import type { Permission } from '@/lib/api-types';
import { useCan } from '@/lib/session';

/** A settings screen for roles allowed `permission`; others (who followed a link) are told why not. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (!allowed) {
    return (
      <EmptyState icon="lock" title="Not available to your role" testId="not-allowed">
        Ask an owner or admin of the workspace if you need this.
      </EmptyState>
    );
  }
  return children;
}
