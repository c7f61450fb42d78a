import { appRouter } from "@parley/api";

/** The tRPC routers by name: a family label is one of these, never free text from the URL. */
const ROUTERS = new Set(Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).map((path) => path.split(".")[0]!));

/**
 * The label a request is counted under: the tRPC router it calls (`trpc:flows`), or the plain
 * route's first segment (`auth`, `voice`, `codec`, `health`, `metrics`); anything else is `other`.
 * Bounded by construction, so a scanner trying random paths cannot blow up the series count.
 */
export function routeFamily(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  if (path.startsWith("/trpc/")) {
    const procedures = decodeURIComponent(path.slice("/trpc/".length)).split(",");
    const routers = new Set(procedures.map((procedure) => procedure.split(".")[0]!));
    if (routers.size > 1) return "trpc:batch";
    const [router] = routers;
    return router && ROUTERS.has(router) ? `trpc:${router}` : "trpc:unknown";
  }
  if (path.startsWith("/api/auth/")) return "auth";
  if (path.startsWith("/voice/")) return "voice";
  if (path.startsWith("/codec/")) return "codec";
  if (path === "/health" || path === "/metrics") return path.slice(1);
  return "other";
}
