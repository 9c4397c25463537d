import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';

/** An app-only (client credentials) access token from the Graph simulator's token endpoint. */
export async function appToken(sim: RunningSimulator, clientId: string, secret: string): Promise<string> {
  const res = await fetch(`${sim.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }),
  });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
