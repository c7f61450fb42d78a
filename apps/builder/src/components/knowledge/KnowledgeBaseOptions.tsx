'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The id of the <datalist> that knowledge-base name inputs point at (`list=`). */
export const KNOWLEDGE_BASE_OPTIONS_ID = 'knowledge-base-options';

/**
 * The workspace's knowledge base names as suggestions for a step's "Knowledge base" field: the
 * inspector offers the list, while the field stays a name (a base can be created later, and
 * steps find it by name at run time).
 */
export function KnowledgeBaseOptions() {
  const trpc = useTRPC();
  const bases = useQuery(trpc.knowledge.bases.list.queryOptions());
  return (
    <datalist id={KNOWLEDGE_BASE_OPTIONS_ID} data-testid="knowledge-base-options">
      {(bases.data ?? []).map((base) => (
        <option key={base.id} value={base.name}>
          {`${base.documentCount} ${base.documentCount === 1 ? 'document' : 'documents'}`}
        </option>
      ))}
    </datalist>
  );
}
