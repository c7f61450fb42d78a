import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bundleWorkflowCode } from "@temporalio/worker";

/** What the cache file holds: the bundle and a fingerprint of every file it was built from. */
interface CachedBundle {
  workflowsPath: string;
  /** Workflow interceptor modules bundled in (tracing's, when on); a bundle without them is another bundle. */
  interceptorModules?: string[];
  /** Modules evaluated once per worker and shared by its workflows (see sharedWorkflowModules). */
  preloadModules?: string[];
  files: Record<string, string>;
  code: string;
}

/**
 * The workflow code bundle, cached on disk. Bundling (webpack) takes about 4 s of a worker's
 * 5 s start; a worker restarted after a crash or a deploy, and every test that starts one,
 * should poll again in about a second. A cached bundle is used only while every file webpack put
 * in it (read back from the module markers in the bundle itself) is byte-for-byte unchanged, so
 * a stale bundle can never run: any change to workflow code, the flow package or a dependency
 * bundles again.
 */
export async function loadWorkflowBundle(
  workflowsPath: string,
  cacheDir: string,
  interceptorModules: string[] = [],
  preloadModules: string[] = sharedWorkflowModules(workflowsPath),
): Promise<{ code: string }> {
  const cacheFile = path.join(cacheDir, interceptorModules.length > 0 ? "workflow-bundle-intercepted.json" : "workflow-bundle.json");
  const cached = readCache(cacheFile);
  const sameModules =
    (cached?.interceptorModules ?? []).join("\n") === interceptorModules.join("\n") &&
    (cached?.preloadModules ?? []).join("\n") === preloadModules.join("\n");
  if (cached && cached.workflowsPath === workflowsPath && sameModules && unchanged(cached.files)) return { code: cached.code };

  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: interceptorModules, preloadModules });
  const files = Object.fromEntries(bundledFiles(code).map((file) => [file, fingerprint(file)]));
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written aside, then renamed: a worker starting meanwhile reads the old file or the new one.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ workflowsPath, interceptorModules, preloadModules, files, code } satisfies CachedBundle));
    fs.renameSync(temporary, cacheFile);
  } catch (err) {
    console.warn(`[worker] could not cache the workflow bundle in ${cacheDir}:`, err instanceof Error ? err.message : err);
  }
  return { code };
}

/**
 * The modules a worker evaluates once and shares between all its conversations (Temporal's
 * `preloadModules`; it deep-freezes them): `@parley/flow/shared-libraries`, re2js and jsep,
 * stateless third-party code that was about half the module evaluation of every new conversation.
 * Everything else in the bundle is evaluated per conversation, as Temporal isolates workflows.
 * Resolved from the workflows package, which depends on `@parley/flow`.
 */
export function sharedWorkflowModules(workflowsPath: string): string[] {
  return [createRequire(workflowsPath).resolve("@parley/flow/shared-libraries")];
}

function readCache(file: string): CachedBundle | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<CachedBundle>;
    return typeof parsed.code === "string" && typeof parsed.workflowsPath === "string" && parsed.files && typeof parsed.files === "object"
      ? (parsed as CachedBundle)
      : null;
  } catch {
    return null;
  }
}

/**
 * The source files in a bundle: webpack opens each module with `/***\/ "<path>"`, the path
 * relative to the directory it bundled from (the process's working directory).
 */
export function bundledFiles(code: string): string[] {
  const files = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)].map((match) => path.resolve(match[1]!));
  if (files.length === 0) throw new Error("the workflow bundle names no modules: cannot tell when it goes stale");
  return [...new Set(files)];
}

const unchanged = (files: Record<string, string>) =>
  Object.keys(files).length > 0 && Object.entries(files).every(([file, hash]) => fingerprint(file) === hash);

/** The file's SHA-256, or "absent" for a module that only exists inside the bundle. */
function fingerprint(file: string): string {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return "absent";
  }
}
