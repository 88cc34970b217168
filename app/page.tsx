import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { preload } from 'react-dom';
import { Suspense } from 'react';
import { LiveView } from '@/components/LiveView';
import { authSettingsFromEnv, requestToken, SIGN_IN_PATH } from '@/lib/api/auth-mode';
import { shownContext, snapshotPath } from '@/lib/api/context-choice';
import { contextsResponse } from '@/lib/api/contexts-response';
import { reviewSignedIn } from '@/lib/sources/live/signed-in';

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Rendered per request, so that Next.js can put the request's Content-Security-Policy nonce on its scripts.
  await connection();
  // Token mode: without a token the API server accepts, the sign-in form instead (the API would refuse anyway).
  const auth = authSettingsFromEnv(process.env);
  if (auth.mode === 'token') {
    const token = requestToken(await headers());
    if (token === undefined || !(await reviewSignedIn(auth, token)).ok) redirect(SIGN_IN_PATH);
    return (
      <Suspense>
        <LiveView />
      </Suspense>
    );
  }
  // The page is rendered with the kubeconfig's contexts and starts fetching the shown context's snapshot while its
  // scripts load, instead of asking for the contexts, then the snapshot, once hydrated: on a large cluster the
  // snapshot takes the server a second or more to produce, which then overlaps the page's own loading.
  const contexts = contextsResponse();
  const asked = (await searchParams).context;
  // As URLSearchParams.get reads it in the page: the first of repeated parameters.
  preload(snapshotPath(shownContext(Array.isArray(asked) ? asked[0] : asked, contexts)), { as: 'fetch', crossOrigin: 'anonymous' });
  return (
    <Suspense>
      <LiveView initialContexts={contexts} />
    </Suspense>
  );
}
