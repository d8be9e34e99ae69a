/**
 * The numbers of a case as the browser tests read them: what is stored (the admin's exact stats) and
 * what the public sees (signatures in coarse steps), and a signature sent from elsewhere.
 */
import { adminToken, endpoint } from '/__w4r__/endpoint.js';
import type { Stats } from '../../src/schema/index.js';

/** What the endpoint stored: the exact counts, read with the admin token. */
export const storedStats = async (caseId: string, at = endpoint): Promise<Stats> =>
  (
    await fetch(`${at}/v1/admin/cases/${caseId}/stats`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    })
  ).json() as Promise<Stats>;

/** What every page reads: the public stats. */
export const publicStats = async (caseId: string, at = endpoint): Promise<Stats> =>
  (await fetch(`${at}/v1/cases/${caseId}/stats`)).json() as Promise<Stats>;

/** One signature of a new person sent straight to the endpoint, as someone on another page. */
export const signElsewhere = (caseId: string, key = crypto.randomUUID()) =>
  fetch(`${endpoint}/v1/cases/${caseId}/signatures`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({
      firstName: 'Elsewhere',
      lastName: 'Signer',
      email: `elsewhere-${key}@example.org`,
      country: 'ZA',
      consent: true,
    }),
  });

/**
 * Signs from elsewhere until the public count moves past `from`: the count moves in steps of 10 at
 * secret places, at most 19 signatures apart while it is below 1,000. Resolves with the public stats.
 */
export async function signUntilPublicCountMoves(caseId: string, from: number): Promise<Stats> {
  for (let signed = 0; signed < 200; signed++) {
    const answer = await signElsewhere(caseId);
    if (answer.status !== 201) throw new Error(`signing elsewhere: ${answer.status}`);
    const stats = await publicStats(caseId);
    if (stats.signatures > from) return stats;
  }
  throw new Error(`the public count of ${caseId} did not move past ${from}`);
}
