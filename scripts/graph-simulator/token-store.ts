// Tokens and device codes the simulator has handed out. Graph accepts a bearer token only if it is
// in here and still valid, so a test can expire or revoke them and watch the product recover.
import { randomBytes, randomInt } from 'node:crypto';

export interface AccessTokenRecord {
  token: string;
  kind: 'app' | 'delegated';
  clientId: string;
  /** Lower-case email of the signed-in user (delegated tokens). */
  userKey?: string;
  scope: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  userKey: string;
  scope: string;
  expiresAt: number;
  revoked: boolean;
}

export type DeviceCodeStatus = 'pending' | 'approved' | 'declined' | 'redeemed';

export interface DeviceCodeRecord {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string;
  /** The tenant segment the flow started on (a tenant id, "common" or "organizations"). */
  tenantSegment: string;
  expiresAt: number;
  status: DeviceCodeStatus;
  userKey?: string;
}

// No vowels or look-alikes, so a generated code never spells a word or confuses 0/O.
const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_LETTERS[randomInt(USER_CODE_LETTERS.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function normaliseUserCode(code: string): string {
  return code.replace(/[^a-z0-9]/gi, '').toUpperCase();
}

export class TokenStore {
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly deviceCodes = new Map<string, DeviceCodeRecord>();

  addAccessToken(record: AccessTokenRecord): void {
    this.accessTokens.set(record.token, record);
  }

  issueRefreshToken(clientId: string, userKey: string, scope: string, expiresAt: number): RefreshTokenRecord {
    // Real refresh tokens are opaque and long; "1.A" mimics their prefix so nothing mistakes them for JWTs.
    const record: RefreshTokenRecord = { token: `1.AS${randomBytes(96).toString('base64url')}`, clientId, userKey, scope, expiresAt, revoked: false };
    this.refreshTokens.set(record.token, record);
    return record;
  }

  createDeviceCode(clientId: string, scope: string, tenantSegment: string, expiresAt: number): DeviceCodeRecord {
    let userCode = newUserCode();
    while (this.findByUserCode(userCode)) userCode = newUserCode();
    const record: DeviceCodeRecord = {
      deviceCode: `DAQABIQEAAAD${randomBytes(96).toString('base64url')}`,
      userCode,
      clientId,
      scope,
      tenantSegment,
      expiresAt,
      status: 'pending',
    };
    this.deviceCodes.set(record.deviceCode, record);
    return record;
  }

  findByUserCode(userCode: string): DeviceCodeRecord | undefined {
    const wanted = normaliseUserCode(userCode);
    return [...this.deviceCodes.values()].find((r) => normaliseUserCode(r.userCode) === wanted);
  }

  /** Marks every current access token invalid; returns how many were live. */
  revokeAccessTokens(): number {
    let count = 0;
    for (const record of this.accessTokens.values()) {
      if (!record.revoked) count++;
      record.revoked = true;
    }
    return count;
  }

  revokeRefreshTokens(): number {
    let count = 0;
    for (const record of this.refreshTokens.values()) {
      if (!record.revoked) count++;
      record.revoked = true;
    }
    return count;
  }
}
