import type { WorkspaceRole } from '@/lib/api-types';

/** Roles as people read them, in order of reach. */
export const roleLabel = {
  owner: 'Owner',
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
  analyst: 'Analyst',
} satisfies Record<WorkspaceRole, string>;

export const ROLE_OPTIONS = Object.keys(roleLabel) as WorkspaceRole[];

/** What each role is for, shown where a role is chosen. */
export const roleHelp = {
  owner: 'Everything, including other owners',
  admin: 'Everything except owners',
  supervisor: 'All conversations, listen in, reports',
  agent: 'Their conversations and the queue',
  analyst: 'Reports and flows, read only',
} satisfies Record<WorkspaceRole, string>;
