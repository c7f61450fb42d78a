import type { Metadata } from 'next';
import { ProfileScreen } from '@/components/settings/ProfileScreen';

export const metadata: Metadata = { title: 'Your profile' };

export default function ProfilePage() {
  return <ProfileScreen />;
}
