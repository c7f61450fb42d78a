'use client';

import { diffFlows, validateFlow, type FlowGraph, type FlowIssue, type ValidationContext } from '@parley/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { FlowDetail } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { toCanvas, toGraph } from '@/lib/graph';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import type { SaveState } from './EditorHeader';
import { useWorkspaceNames } from './WorkspacePickers';

type Banner = { kind: 'success' | 'error'; text: string };

/**
 * The draft's life beside the canvas: its problems (checked live while editing, as the server
 * reported them once saved), saving, publishing, Ctrl/Cmd+S and the leave-with-unsaved-edits
 * guard. The canvas owns the graph; this hook only reads it.
 */
export function useDraft({
  flow,
  graph,
  snapshot,
  initialSnapshot,
  setBanner,
}: {
  flow: FlowDetail;
  graph: FlowGraph;
  snapshot: string;
  initialSnapshot: string;
  setBanner: (banner: Banner | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(() => ({
    snapshot: initialSnapshot,
    issues: flow.issues,
    at: flow.draft.updatedAt,
  }));
  const [rejected, setRejected] = useState<{ snapshot: string; issues: FlowIssue[] } | null>(null);

  const saveDraft = useMutation(trpc.flows.saveDraft.mutationOptions());
  const canManage = useCan('flows:manage');
  const publish = useMutation(trpc.flows.publish.mutationOptions());

  const dirty = snapshot !== saved.snapshot;
  // Publishing again makes no sense when the canvas is what is already live. Compared as the
  // diff sees it: the published graph comes back with defaults filled in and keys reordered,
  // which a text comparison took for a change (Publish stayed enabled after publishing).
  const upToDate = useMemo(() => (flow.published ? diffFlows(flow.published.graph, graph).same : false), [flow.published, graph]);
  const isRejected = rejected !== null && rejected.snapshot === snapshot;

  // Unsaved edits are checked in the browser with the same validateFlow the server runs; what
  // the server returned is shown for the saved draft.
  const deferredGraph = useDeferredValue(graph);
  // What the server's validation also knows: the custom activities and the workspace's flows
  // (for custom activity and subflow nodes). Until they load, those checks are skipped.
  const customActivities = useQuery({ ...trpc.flows.customActivities.queryOptions(), staleTime: 5 * 60_000 });
  const flowList = useQuery({ ...trpc.flows.list.queryOptions(), staleTime: 60_000 });
  const workspace = useWorkspaceNames();
  const validationContext = useMemo<ValidationContext>(
    () => ({
      flowId: flow.id,
      ...(customActivities.data ? { customActivities: customActivities.data } : {}),
      ...(flowList.data
        ? { flows: flowList.data.map((item) => ({ id: item.id, name: item.name, published: item.publishedVersion !== null })) }
        : {}),
      ...(workspace.teams ? { teams: workspace.teams } : {}),
      ...(workspace.skills ? { skills: workspace.skills } : {}),
    }),
    [flow.id, customActivities.data, flowList.data, workspace.teams, workspace.skills],
  );
  const issues = useMemo<FlowIssue[]>(() => {
    if (isRejected) return rejected.issues;
    if (!dirty) return saved.issues;
    return validateFlow(deferredGraph, validationContext).issues;
  }, [isRejected, rejected, dirty, saved.issues, deferredGraph, validationContext]);

  const saveState: SaveState = saveDraft.isPending
    ? 'saving'
    : isRejected
      ? 'not-saved'
      : dirty
        ? 'dirty'
        : 'saved';

  /** Saves the current graph; resolves to the server's issues, or null when nothing was saved. */
  const save = useCallback(async (): Promise<FlowIssue[] | null> => {
    const snap = snapshot;
    try {
      const result = await saveDraft.mutateAsync({ id: flow.id, graph });
      if (!result.saved) {
        setRejected({ snapshot: snap, issues: result.issues });
        setBanner({ kind: 'error', text: 'The draft was not saved: fix the problems listed below first.' });
        return null;
      }
      const at = new Date().toISOString();
      setRejected(null);
      setSaved({ snapshot: snap, issues: result.issues, at });
      // Keep the cached flow in step, so reopening the editor shows what was just saved.
      queryClient.setQueryData(trpc.flows.get.queryKey({ id: flow.id }), (old) =>
        old ? { ...old, draft: { ...old.draft, graph, updatedAt: at }, issues: result.issues } : old,
      );
      void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      return result.issues;
    } catch (error) {
      setBanner({ kind: 'error', text: `Could not save: ${errorMessage(error)}` });
      return null;
    }
  }, [snapshot, graph, flow.id, saveDraft, queryClient, trpc]);

  const onSave = useCallback(() => {
    setBanner(null);
    void save().then((result) => {
      if (!result) return;
      const errors = result.filter((issue) => issue.severity === 'error').length;
      setBanner(
        errors === 0
          ? { kind: 'success', text: 'Draft saved.' }
          : { kind: 'success', text: `Draft saved with ${errors} error${errors === 1 ? '' : 's'} to fix before publishing.` },
      );
    });
  }, [save]);

  /** Publishes (saving first when needed), with the admin's optional note for the history. */
  const onPublish = useCallback(async (note = '') => {
    setBanner(null);
    if (dirty || isRejected) {
      const result = await save();
      if (!result) return;
      if (result.some((issue) => issue.severity === 'error')) {
        setBanner({ kind: 'error', text: 'Saved, but the draft has errors: fix them to publish.' });
        return;
      }
    }
    try {
      const published = await publish.mutateAsync({ id: flow.id, ...(note ? { note } : {}) });
      // Weak intent examples do not block publishing; say which ones to improve.
      const advice = published.intentWarnings.flatMap((router) => router.warnings.map((warning) => `${router.label}: ${warning.message}`));
      const tips = advice.length > 0 ? ` To improve: ${advice.join('; ')}.` : '';
      setBanner({ kind: 'success', text: `Published version ${published.version}. New conversations use it now.${tips}` });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flow.id }) }),
        queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.flows.versions.queryKey({ id: flow.id }) }),
      ]);
    } catch (error) {
      setBanner({ kind: 'error', text: `Could not publish: ${errorMessage(error)}` });
    }
  }, [dirty, isRejected, save, publish, flow.id, queryClient, trpc]);

  // Ctrl/Cmd+S saves; leaving with unsaved edits asks first.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (canManage && saveState !== 'saving') onSave();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onSave, saveState, canManage]);
  useEffect(() => {
    // Edits of a person who may not save are a sketch: leaving does not ask.
    if (!dirty || !canManage) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty, canManage]);

  /** A restored version is the saved draft now (the server wrote it): forget the replaced edits. */
  const markRestored = useCallback(
    (restored: FlowGraph) => {
      const canvas = toCanvas(restored);
      setRejected(null);
      setSaved({
        snapshot: JSON.stringify(toGraph(canvas.nodes, canvas.edges)),
        issues: validateFlow(restored, validationContext).issues,
        at: new Date().toISOString(),
      });
      void queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flow.id }) });
      return canvas;
    },
    [validationContext, queryClient, trpc, flow.id],
  );

  return { saved, issues, saveState, upToDate, canManage, publishing: publish.isPending, dirty, save, onSave, onPublish, markRestored };
}
