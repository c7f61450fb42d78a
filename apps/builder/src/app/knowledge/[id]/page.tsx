import type { Metadata } from 'next';
import { KnowledgeBaseScreen } from '@/components/knowledge/KnowledgeBaseScreen';

export const metadata: Metadata = { title: 'Knowledge base' };

export default async function KnowledgeBasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <KnowledgeBaseScreen baseId={id} />;
}
