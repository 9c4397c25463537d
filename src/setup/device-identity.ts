import { hostname, networkInterfaces } from 'node:os';

/** The name the door and the setup page show: the config's, else the hostname (what a fleet's DHCP lists). */
export function deviceName(configured: string | null): string {
  return configured ?? hostname().split('.')[0] ?? 'lintel';
}

/** Non-loopback addresses, IPv4 first: what a phone on the same network can reach. */
export function lanAddresses(): string[] {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const e of entries ?? []) {
      if (e.internal) continue;
      if (e.family === 'IPv4') v4.push(e.address);
      else if (!e.address.toLowerCase().startsWith('fe80')) v6.push(e.address);
    }
  }
  return [...v4, ...v6];
}

/** A host as it goes in a URL: IPv6 in brackets. */
export function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
