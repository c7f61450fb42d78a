/** The kinds of caller the matrix tries, and the groups its rows are written with. */
export const PRINCIPALS = [
  "anonymous",
  "customer",
  "otherCustomer",
  "owner",
  "admin",
  "supervisor",
  "agent",
  "analyst",
  "otherWorkspaceAdmin",
  "key:read",
  "key:write",
  "key:admin",
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export const STAFF: Principal[] = ["owner", "admin", "supervisor", "agent", "analyst"];
export const WORKERS: Principal[] = ["owner", "admin", "supervisor", "agent"];
export const MANAGERS: Principal[] = ["owner", "admin"];
/** Who watches the floor: teams, skills and presence (read only for supervisors). */
export const SUPERVISORS: Principal[] = ["owner", "admin", "supervisor"];
export const KEYS: Principal[] = ["key:read", "key:write", "key:admin"];
export const WRITE_KEYS: Principal[] = ["key:write", "key:admin"];
export const ANYONE = [...PRINCIPALS];
/** Signed-in people, whatever their workspace. */
export const SIGNED_IN: Principal[] = [...STAFF, "otherWorkspaceAdmin"];

/** What each principal sends: cookies, keys or tokens (headers), and a `?token=` for sockets. */
export type Credentials = Map<Principal, { headers: Record<string, string>; query: string }>;
