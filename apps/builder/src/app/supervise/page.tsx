import type { Metadata } from 'next';
import { QueueBoard } from '@/components/supervise/QueueBoard';

export const metadata: Metadata = { title: 'Queue board' };

export default function SupervisePage() {
  return <QueueBoard />;
}
