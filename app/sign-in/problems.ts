/** Why the sign-in form is shown again: fixed reasons, so that nothing a request carries is ever echoed. */
export const SIGN_IN_PROBLEMS = {
  malformed: 'That is not a bearer token: paste the token alone, without "Bearer" or quotes.',
  rejected: 'The API server does not accept this token: it may have expired or been revoked.',
  unreachable: 'The API server could not be asked about the token. Try again in a moment.',
  'signed-out': 'Signed out. The token is no longer kept in this browser.',
} as const;

export type SignInProblem = keyof typeof SIGN_IN_PROBLEMS;

export function signInProblem(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && Object.hasOwn(SIGN_IN_PROBLEMS, value) ? SIGN_IN_PROBLEMS[value as SignInProblem] : undefined;
}
