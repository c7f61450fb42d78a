import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/Providers';
import { AppShell } from '@/components/shell/AppShell';
import { readEnv } from '@/env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Parley', template: '%s · Parley' },
  description: 'Design conversation flows, test them in web chat and follow conversations live.',
};

export const viewport: Viewport = {
  themeColor: '#4f46e5',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request so API_URL is read when the server runs, not when it was built.
  await connection();
  const env = readEnv();

  return (
    <html lang="en">
      <body>
        <Providers apiUrl={env.API_URL}>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
