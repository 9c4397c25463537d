/**
 * Checks of what the admin types, before anything is sent: each answer is null (fine) or one
 * sentence saying what is wrong and where to find the right value. Pure, so they are unit-tested.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS name with at least two labels and a letters-only top-level domain, e.g. contoso.onmicrosoft.com. */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Trims, and drops the braces some tools print around GUIDs ({…}). */
export function cleanId(text: string): string {
  return text.trim().replace(/^\{(.*)\}$/, '$1').trim();
}

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

export function checkTenant(typed: string): string | null {
  const t = cleanId(typed);
  if (t === '') return 'Type the tenant ID (a GUID) or your tenant domain, e.g. contoso.onmicrosoft.com.';
  if (GUID.test(t)) return null;
  if (/^(common|organizations|consumers)$/i.test(t)) {
    return `"${t}" is not one organisation. Type your tenant ID or domain: Entra admin center → Overview → Tenant ID.`;
  }
  if (/^https?:\/\//i.test(t) || t.includes('/')) {
    return 'Type only the tenant ID or domain, not a web address, e.g. contoso.onmicrosoft.com.';
  }
  if (t.includes('@')) return 'Type the domain only (the part after the @), e.g. contoso.onmicrosoft.com.';
  if (/^[0-9a-f-]{20,}$/i.test(t)) return 'That is not a complete tenant ID: it has 32 hex digits in groups 8-4-4-4-12.';
  if (DOMAIN.test(t)) return null;
  return 'That is neither a tenant ID (a GUID) nor a domain like contoso.onmicrosoft.com.';
}

export function checkClientId(typed: string): string | null {
  const t = cleanId(typed);
  if (t === '') return 'Type the application (client) ID from the app registration’s Overview page.';
  if (GUID.test(t)) return null;
  return 'The application (client) ID is a GUID like 00000000-0000-0000-0000-000000000000 (Overview page of the app registration).';
}

export function checkSecret(typed: string): string | null {
  const t = typed.trim();
  if (t === '') return 'Paste the client secret’s Value (shown once, when the secret was created).';
  // The portal lists a "Secret ID" (a GUID) next to the value; pasting it is the usual mistake.
  if (GUID.test(t)) return 'That looks like the Secret ID. Paste the secret’s Value instead (Certificates & secrets → Value).';
  return null;
}

/**
 * The optional expiry date (YYYY-MM-DD from a date input) so the display can warn before the
 * secret stops working. `today` is the phone's local date in the same form.
 */
export function checkSecretExpiry(date: string, today: string): string | null {
  if (date === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(Date.parse(date))) return 'Pick the date the secret expires, or leave it empty.';
  if (date < today) return 'That date has passed: a secret that expired no longer signs in. Create a new one.';
  return null;
}

/** Upper bound for a PEM bundle; a certificate and key are a few kilobytes. */
export const PEM_MAX_CHARS = 64 * 1024;

export function checkCertificatePem(text: string): string | null {
  if (text.trim() === '') return 'Choose the PEM file that holds the certificate and its private key.';
  if (text.length > PEM_MAX_CHARS) return 'That file is too big for a certificate; choose the .pem file with the certificate and key.';
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return 'That file has no certificate (-----BEGIN CERTIFICATE-----). Choose the .pem with the certificate and its private key.';
  }
  if (text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    return 'The private key is protected by a password. Export it without one (e.g. openssl pkcs8 -nocrypt) and choose that file.';
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(text)) {
    return 'That file has the certificate but no private key. Choose a .pem with both (-----BEGIN PRIVATE KEY-----).';
  }
  return null;
}

export function checkRoomEmail(typed: string): string | null {
  const t = typed.trim();
  if (t === '') return 'Type the room mailbox address, e.g. room.4b@contoso.com.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return 'That is not a mailbox address; it looks like room.4b@contoso.com.';
  return null;
}

export const PIN_MIN = 4;
export const PIN_MAX = 8;

/** Null when both PIN fields hold the same 4–8 digits. */
export function checkPin(pin: string, again: string): string | null {
  if (pin === '') return `Choose a PIN of ${PIN_MIN} to ${PIN_MAX} digits.`;
  if (!/^\d+$/.test(pin)) return 'The PIN has digits only.';
  if (pin.length < PIN_MIN || pin.length > PIN_MAX) return `The PIN has ${PIN_MIN} to ${PIN_MAX} digits (you typed ${pin.length}).`;
  if (again === '') return 'Type the PIN a second time.';
  if (pin !== again) return 'The two PINs are not the same. Type them again.';
  return null;
}
