import type { Metadata } from 'next';
import { FlowEditorScreen } from '@/components/editor/FlowEditorScreen';

export const metadata: Metadata = { title: 'Flow editor' };

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FlowEditorScreen flowId={id} />;
}
