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

/** A delegated token for `user` by the device-code grant, approved in the simulator at once. */
export async function delegatedToken(sim: RunningSimulator, clientId: string, user: string, scope = 'https://graph.microsoft.com/Calendars.ReadWrite.Shared offline_access'): Promise<string> {
  const codeRes = await fetch(`${sim.authority}/oauth2/v2.0/devicecode`, { method: 'POST', body: new URLSearchParams({ client_id: clientId, scope }) });
  const code = (await codeRes.json()) as { user_code: string; device_code: string };
  sim.state.approveDeviceCode(code.user_code, { username: user });
  const res = await fetch(`${sim.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: clientId, device_code: code.device_code }),
  });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
