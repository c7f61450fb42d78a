import type { Metadata } from 'next';
import { ChannelsScreen } from '@/components/settings/channels/ChannelsScreen';

export const metadata: Metadata = { title: 'Channels' };

export default function ChannelsPage() {
  return <ChannelsScreen />;
}
