import type { Metadata } from 'next';
import { SignInForm } from '@/components/auth/SignInForm';
import { readEnv } from '@/env';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  const env = readEnv();
  return <SignInForm oidcName={env.OIDC_DISCOVERY_URL ? env.OIDC_NAME : null} />;
}
