/**
 * Who may do what. A permission names one kind of action; roles and API key scopes are sets of
 * them. Procedures declare the permission they need (procedures.ts), never a role, so a new role
 * is one line here.
 */
export const PERMISSIONS = [
  /** Read conversations and transcripts (agents: only theirs and the waiting queue). */
  "conversations:read",
  /** Reply, assign, resolve, hand back: work conversations as the signed-in person. */
  "conversations:work",
  /** Listen in on live calls. */
  "conversations:listen",
  /** Watch the live queue board; whisper to, barge in on and take over from agents. */
  "conversations:supervise",
  /** Start a conversation from an inbound message and send customer messages (channels, integrations). */
  "conversations:ingest",
  /** The contacts page: people, their identities, attributes and conversations. */
  "contacts:read",
  /** Edit contacts' attributes, link identities, merge two contacts into one. */
  "contacts:manage",
  "flows:read",
  /** Create, edit, publish flows; try their intents. */
  "flows:manage",
  "knowledge:read",
  "knowledge:manage",
  "notifications:read",
  /** The workspace's people, for assignment pickers. */
  "people:read",
  "reports:read",
  /** Teams, skills, capacity and presence of the workspace's agents (supervisors watch, admins change). */
  "teams:read",
  /** Create, change and delete teams and skills; set agents' skill levels and capacity. */
  "teams:manage",
  /** Invite, change roles, deactivate. */
  "members:manage",
  "apiKeys:manage",
  /** Outbound webhook subscriptions, their signing secrets and delivery log. */
  "webhooks:manage",
  "audit:read",
  /** Retention, secrets and other workspace settings. */
  "settings:manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["owner", "admin", "supervisor", "agent", "analyst"] as const;
export type Role = (typeof ROLES)[number];

const everything: readonly Permission[] = PERMISSIONS;
const working: readonly Permission[] = [
  "conversations:read",
  "conversations:work",
  "contacts:read",
  "contacts:manage",
  "flows:read",
  "knowledge:read",
  "notifications:read",
  "people:read",
];

export const ROLE_PERMISSIONS = {
  owner: everything,
  admin: everything,
  supervisor: [...working, "conversations:listen", "conversations:supervise", "reports:read", "teams:read"],
  agent: working,
  analyst: ["flows:read", "knowledge:read", "reports:read", "people:read"],
} as const satisfies Record<Role, readonly Permission[]>;

/** Roles that see every conversation of the workspace; the others see theirs and the queue. */
export const SEES_ALL_CONVERSATIONS: ReadonlySet<Role> = new Set(["owner", "admin", "supervisor"]);

/** Who may grant a role: only an owner makes owners; admins manage everyone else. */
export function mayGrant(granter: Role, role: Role): boolean {
  if (granter === "owner") return true;
  return granter === "admin" && role !== "owner";
}

export const API_KEY_SCOPES = ["read", "write", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const readScope: readonly Permission[] = [
  "conversations:read",
  "contacts:read",
  "flows:read",
  "knowledge:read",
  "notifications:read",
  "people:read",
  "reports:read",
];
const writeScope: readonly Permission[] = [...readScope, "conversations:ingest", "contacts:manage", "flows:manage", "knowledge:manage"];

/**
 * A key acts for a system, not a person: it never works conversations as an agent, listens in
 * or manages people and keys.
 */
export const SCOPE_PERMISSIONS = {
  read: readScope,
  write: writeScope,
  admin: [...writeScope, "audit:read", "settings:manage", "webhooks:manage"],
} as const satisfies Record<ApiKeyScope, readonly Permission[]>;

export function roleAllows(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

export function scopeAllows(scope: ApiKeyScope, permission: Permission): boolean {
  return (SCOPE_PERMISSIONS[scope] as readonly Permission[]).includes(permission);
}
