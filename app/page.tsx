import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { LiveView } from '@/components/LiveView';
import { authSettingsFromEnv, requestToken, SIGN_IN_PATH } from '@/lib/api/auth-mode';
import { reviewSignedIn } from '@/lib/sources/live/signed-in';

export default async function HomePage() {
  // Rendered per request, so that Next.js can put the request's Content-Security-Policy nonce on its scripts.
  await connection();
  // Token mode: without a token the API server accepts, the sign-in form instead (the API would refuse anyway).
  const auth = authSettingsFromEnv(process.env);
  if (auth.mode === 'token') {
    const token = requestToken(await headers());
    if (token === undefined || !(await reviewSignedIn(auth, token)).ok) redirect(SIGN_IN_PATH);
  }
  return (
    <Suspense>
      <LiveView />
    </Suspense>
  );
}
