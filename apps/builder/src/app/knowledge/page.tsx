import type { Metadata } from 'next';
import { KnowledgeBaseList } from '@/components/knowledge/KnowledgeBaseList';

export const metadata: Metadata = { title: 'Knowledge' };

export default function KnowledgePage() {
  return <KnowledgeBaseList />;
}
