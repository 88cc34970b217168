import { connection } from 'next/server';
import { notFound } from 'next/navigation';
import { authSettingsFromEnv, SIGN_IN_ACTION } from '@/lib/api/auth-mode';
import { signInProblem } from './problems';

export const metadata = { title: 'Sign in · kube-netmap' };

/**
 * Token mode's sign-in: a plain form (no script), POSTed to this origin. The token goes into an HttpOnly cookie,
 * which the page's scripts cannot read; every request of the dashboard then reads the cluster as that token.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Rendered per request, so that Next.js can put the request's Content-Security-Policy nonce on its scripts.
  await connection();
  if (authSettingsFromEnv(process.env).mode !== 'token') notFound();
  const problem = signInProblem((await searchParams).problem);
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">kube-netmap</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Sign in with your own Kubernetes bearer token. The dashboard reads the cluster as you, so it shows what your
        RBAC lets you list; a kind you may not list shows as forbidden.
      </p>
      {problem && (
        <p data-testid="sign-in-problem" role="alert" className="mt-4 rounded border border-amber-500 bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {problem}
        </p>
      )}
      <form method="post" action={SIGN_IN_ACTION} className="mt-6 flex flex-col gap-3">
        <label className="text-sm font-medium" htmlFor="token">
          Bearer token
        </label>
        <input
          id="token"
          name="token"
          type="password"
          required
          autoComplete="off"
          spellCheck={false}
          className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <button type="submit" className="self-start rounded bg-blue-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
          Sign in
        </button>
      </form>
      <p className="mt-6 text-xs text-slate-500">
        A ServiceAccount&apos;s token: <code>kubectl create token NAME --namespace NS</code>. An OIDC login&apos;s: the
        ID token your login tool keeps. The token is kept in an HttpOnly, Secure, SameSite=Strict cookie for this
        browser session, and sent only to this dashboard.
      </p>
    </main>
  );
}
