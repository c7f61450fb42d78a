import type { Metadata } from 'next';
import { ApiKeysScreen } from '@/components/settings/ApiKeysScreen';

export const metadata: Metadata = { title: 'API keys' };

export default function ApiKeysPage() {
  return <ApiKeysScreen />;
}
