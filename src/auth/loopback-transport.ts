import { isLoopbackHost } from '../config/schema.js';

/**
 * MSAL insists on https authorities, and Graph links come back as absolute URLs. A simulator on
 * this machine speaks plain http, so the core talks https everywhere and only the transport
 * downgrades, and only for origins the config gave as http on a loopback host.
 */
export interface LoopbackTransport {
  /**
   * The https form of an origin or URL on a plain loopback origin (a configured endpoint, or a link
   * a simulator advertised as http); others unchanged. No trailing slash unless a query follows.
   */
  logical(url: string): string;
  /** The URL to actually fetch. */
  physical(url: string): string;
}

export function loopbackTransport(configuredOrigins: readonly string[]): LoopbackTransport {
  const plain = new Set<string>();
  for (const origin of configuredOrigins) {
    const url = new URL(origin);
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) plain.add(url.host);
  }
  return {
    logical(raw) {
      const url = new URL(raw);
      if (url.protocol === 'http:' && plain.has(url.host)) url.protocol = 'https:';
      const text = url.toString();
      return url.search || url.hash ? text : text.replace(/\/+$/, '');
    },
    physical(raw) {
      const url = new URL(raw);
      if (url.protocol === 'https:' && plain.has(url.host)) url.protocol = 'http:';
      return url.toString();
    },
  };
}
