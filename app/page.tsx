import { connection } from 'next/server';
import { Suspense } from 'react';
import { LiveView } from '@/components/LiveView';

export default async function HomePage() {
  // Rendered per request, so that Next.js can put the request's Content-Security-Policy nonce on its scripts.
  await connection();
  return (
    <Suspense>
      <LiveView />
    </Suspense>
  );
}
