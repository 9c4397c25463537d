import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ApiResult, CheckLineJson, RoomChoiceJson, RoomListJson, SetupDoneJson, SetupSignInJson, SetupStatusJson } from '../api/contract.js';
import { loadAppCredential } from '../auth/credentials.js';
import { createTokenProvider } from '../auth/create-token-provider.js';
import { DeviceCodeProvider } from '../auth/device-code-provider.js';
import { TOKEN_CACHE_FILE } from '../auth/msal-setup.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { GraphFailure, GraphHttp } from '../calendar/graph/graph-http.js';
import { CLOUDS, parseConfig, resolveConfig, type AuthMode, type GraphConnection, type LintelConfig } from '../config/load-config.js';
import { GUID_PATTERN, TENANT_PATTERN, type ConfigFile } from '../config/schema.js';
import { diagnose } from '../doctor/run-doctor.js';
import { CHECK_NAMES, CHECK_ORDER, checkLinesJson, type DoctorReport } from '../doctor/report.js';
import { toIsoInZone } from '../domain/time.js';
import type { Clock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import { silentLogger, type Logger } from '../util/logger.js';
import type { PairingRecord } from './pairing-record.js';
import { PairingError, writePairing, type CredentialSource } from './pairing-store.js';
import { pinProblem } from './setup-secrets.js';

const STAGING_DIR = 'setup-staging';
const STAGED_SECRET = 'client-secret';
const STAGED_CERTIFICATE = 'app-certificate.pem';
// Graph needs some mailbox for its client before a room is chosen; nothing is ever sent to it.
const NO_ROOM_YET = 'room-not-chosen@lintel.invalid';
const MAX_PLACES_PAGES = 20;
// Real time: how long the phone's request waits for Microsoft to hand out a device code.
const DEVICE_CODE_WAIT_MS = 15_000;

const signInRequest = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('delegated'), tenant: z.string(), clientId: z.string() }),
  z.strictObject({ mode: z.literal('app-secret'), tenant: z.string(), clientId: z.string(), secret: z.string().min(1).max(1024), secretExpires: z.iso.date().optional() }),
  z.strictObject({ mode: z.literal('app-certificate'), tenant: z.string(), clientId: z.string(), certificatePem: z.string().min(1).max(64 * 1024) }),
]);
const checkRequest = z.strictObject({ roomEmail: z.email() });
const confirmRequest = z.strictObject({ roomEmail: z.email(), roomName: z.string().trim().max(80).nullable(), pin: z.string() });

type SignInRequest = z.infer<typeof signInRequest>;

const refuse = (code: string, message: string): { ok: false; error: { code: string; message: string } } => ({ ok: false, error: { code, message } });

export interface SetupFlowOptions {
  readonly dataDir: string;
  /** The config file the paired display will read. */
  readonly configPath: string;
  readonly config: LintelConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly env?: NodeJS.ProcessEnv;
  /** Told whenever the status a phone polls has changed. */
  readonly onChange?: () => void;
}

interface Staged {
  readonly request: SignInRequest;
  readonly connection: GraphConnection;
  readonly tokens: TokenProvider;
  state: SetupSignInJson['state'];
  account: string | null;
  error: string | null;
  stopWatch: () => void;
}

/**
 * The steps behind the setup page, kept apart from HTTP: sign in (staged in DIR/setup-staging,
 * so nothing of the old pairing changes until confirm), list rooms, run doctor, then pair.
 */
export class SetupFlow {
  private staged: Staged | null = null;
  private rooms: RoomChoiceJson[] | null = null;
  private placesRefusal: string | null = null;
  private checks: { roomEmail: string; running: boolean; lines: CheckLineJson[] } | null = null;
  private readonly staging: string;
  private closed = false;

  constructor(private readonly o: SetupFlowOptions) {
    this.staging = join(o.dataDir, STAGING_DIR);
    rmSync(this.staging, { recursive: true, force: true });
  }

  signInStatus(): SetupSignInJson {
    const s = this.staged;
    if (!s) return { mode: null, state: 'none', userCode: null, verificationUri: null, codeExpiresAt: null, account: null, error: null };
    const prompt = s.state === 'waiting' ? s.tokens.status().signIn : null;
    return {
      mode: s.request.mode,
      state: s.state,
      userCode: prompt?.userCode ?? null,
      verificationUri: prompt?.verificationUri ?? null,
      codeExpiresAt: prompt ? toIsoInZone(prompt.expiresAt, 'UTC') : null,
      account: s.account,
      error: s.error,
    };
  }

  checkStatus(): SetupStatusJson['checks'] {
    return this.checks ? { ...this.checks, lines: this.checks.lines.map((l) => ({ ...l })) } : null;
  }

  defaults(): SetupStatusJson['defaults'] {
    return { tenant: this.o.config.setup.tenant, clientId: this.o.config.setup.clientId };
  }

  /** Starts a sign-in; app credentials are tried at once, a device code is shown for a booking account. */
  async signIn(body: unknown): Promise<ApiResult<SetupSignInJson>> {
    const parsed = signInRequest.safeParse(body);
    if (!parsed.success) return refuse('BAD_REQUEST', 'Choose a sign-in: a booking account (delegated), or app credentials with a secret or a certificate.');
    const request = parsed.data;
    if (!TENANT_PATTERN.test(request.tenant.trim())) {
      return refuse('BAD_TENANT', 'The tenant is the Directory (tenant) ID — a GUID from Entra ID > Overview — or a domain such as contoso.onmicrosoft.com.');
    }
    if (!GUID_PATTERN.test(request.clientId.trim())) {
      return refuse('BAD_CLIENT_ID', "The client ID is the Application (client) ID: a GUID from the app registration's Overview page.");
    }
    this.dropStaged();
    mkdirSync(this.staging, { recursive: true, mode: 0o700 });
    let connection: GraphConnection;
    let tokens: TokenProvider;
    try {
      connection = this.connection(request, NO_ROOM_YET);
      if (connection.auth !== 'delegated') loadAppCredential(connection, {});
      tokens = createTokenProvider({ connection, dataDir: this.staging, logger: this.o.logger.child({ module: 'setup-auth' }), now: () => this.o.clock.now() }, this.o.clock, {});
    } catch (err) {
      return refuse('CREDENTIAL_INVALID', errorMessage(err));
    }
    const staged: Staged = { request, connection, tokens, state: 'none', account: null, error: null, stopWatch: () => undefined };
    this.staged = staged;
    this.rooms = null;
    this.checks = null;
    return connection.auth === 'delegated' ? this.startDeviceCode(staged) : this.tryApp(staged);
  }

  /** The tenant's rooms from Places, filtered by `query`; or why they cannot be listed. */
  async roomList(query: string): Promise<ApiResult<RoomListJson>> {
    const s = this.staged;
    if (!s || s.state !== 'signed-in') return refuse('NOT_SIGNED_IN', 'Sign in first (step 1); the room list comes from Microsoft 365.');
    if (this.rooms === null && this.placesRefusal === null) {
      try {
        this.rooms = await this.readPlaces(s);
      } catch (err) {
        const failure = err instanceof GraphFailure ? err.failure : null;
        if (!failure || failure.kind === 'network' || failure.kind === 'server' || failure.kind === 'throttled') {
          return refuse('ROOMS_UNAVAILABLE', `The room list could not be read: ${failure?.advice ?? errorMessage(err)} Try again, or type the room's address.`);
        }
        this.placesRefusal =
          "This sign-in may not read the tenant's room list (Microsoft Graph Places needs the Place.Read.All permission). Type the room mailbox's address instead, e.g. aurora@contoso.com.";
      }
    }
    if (this.rooms === null) return { ok: true, value: { rooms: [], placesAvailable: false, reason: this.placesRefusal } };
    const q = query.trim().toLowerCase().slice(0, 80);
    const hits = q ? this.rooms.filter((r) => [r.name, r.email, r.building ?? '', r.floor ?? ''].some((v) => v.toLowerCase().includes(q))) : this.rooms;
    return { ok: true, value: { rooms: hits.slice(0, 50), placesAvailable: true, reason: null } };
  }

  /** Runs doctor against the staged sign-in and the chosen room; the page polls the lines. */
  check(body: unknown): ApiResult<null> {
    const parsed = checkRequest.safeParse(body);
    if (!parsed.success) return refuse('BAD_ROOM', "That is not a mailbox address. Type the room's address, e.g. aurora@contoso.com.");
    const s = this.staged;
    if (!s || s.state !== 'signed-in') return refuse('NOT_SIGNED_IN', 'Sign in first (step 1).');
    if (this.checks?.running) return refuse('CHECKS_RUNNING', 'The checks are still running; wait for them to finish.');
    const roomEmail = parsed.data.roomEmail.toLowerCase();
    const lines: CheckLineJson[] = CHECK_ORDER.map((id) => ({ id, name: CHECK_NAMES[id], status: 'RUNNING', title: 'Checking…', fix: null }));
    this.checks = { roomEmail, running: true, lines };
    this.o.onChange?.();
    void this.runChecks(s, roomEmail);
    return { ok: true, value: null };
  }

  /** Writes the pairing; only after checks passed for this very room. */
  confirm(body: unknown, configPath: string): ApiResult<{ done: SetupDoneJson; record: PairingRecord }> {
    const parsed = confirmRequest.safeParse(body);
    if (!parsed.success) return refuse('BAD_REQUEST', 'Send the room address, its name (or null) and a PIN of 4 to 8 digits.');
    const { roomEmail, roomName, pin } = parsed.data;
    const s = this.staged;
    if (!s || s.state !== 'signed-in') return refuse('NOT_SIGNED_IN', 'Sign in first (step 1).');
    const checks = this.checks;
    if (!checks || checks.roomEmail !== roomEmail.toLowerCase() || checks.running) {
      return refuse('NOT_CHECKED', 'Run the checks for this room first (step 3).');
    }
    const failed = checks.lines.find((l) => l.status === 'FAIL');
    if (failed) return refuse('CHECKS_FAILED', `A check failed — ${failed.name}: ${failed.title}. ${failed.fix ?? ''} Fix it and run the checks again.`.trim());
    const problem = pinProblem(pin);
    if (problem) return refuse('PIN_INVALID', problem);
    const name = roomName?.trim() ? roomName.trim() : null;
    try {
      const record = writePairing({
        dataDir: this.o.dataDir,
        configPath,
        tenant: s.connection.tenant,
        clientId: s.connection.clientId,
        auth: s.connection.auth,
        cloud: this.o.config.setup.cloud === 'global' ? null : this.o.config.setup.cloud,
        endpoints: this.customEndpoints(),
        credential: this.credentialSource(s.request),
        clientSecretExpires: s.request.mode === 'app-secret' ? (s.request.secretExpires ?? null) : null,
        tokenCacheFrom: join(this.staging, TOKEN_CACHE_FILE),
        room: { email: roomEmail, name },
        pin,
        by: s.account ?? 'app credentials',
        now: this.o.clock.now(),
      });
      this.close();
      const shown = name ?? roomEmail;
      return { ok: true, value: { record, done: { room: { name: shown, email: roomEmail }, message: `Paired. The display now shows ${shown}; its admin screen opens with the PIN you chose.` } } };
    } catch (err) {
      if (err instanceof PairingError) return refuse(err.code, err.message);
      return refuse('PAIRING_FAILED', `The pairing could not be saved: ${errorMessage(err)}. Check the free space and permissions of the data folder, then confirm again.`);
    }
  }

  /** Drops the staged sign-in and its files. */
  close(): void {
    this.closed = true;
    this.dropStaged();
    rmSync(this.staging, { recursive: true, force: true });
  }

  private dropStaged(): void {
    if (!this.staged) return;
    this.staged.stopWatch();
    this.staged.tokens.close();
    this.staged = null;
  }

  private customEndpoints(): { authority: string | null; graph: string | null } | null {
    const s = this.o.config.setup;
    const cloud = CLOUDS[s.cloud];
    const authority = s.authorityOrigin === cloud.authority ? null : s.authorityOrigin;
    const graph = s.graphOrigin === cloud.graph ? null : s.graphOrigin;
    return authority || graph ? { authority, graph } : null;
  }

  private connection(request: SignInRequest, roomEmail: string): GraphConnection {
    const credentialKeys =
      request.mode === 'app-secret'
        ? { clientSecretFile: this.stage(STAGED_SECRET, request.secret.trim()) }
        : request.mode === 'app-certificate'
          ? { certificateFile: this.stage(STAGED_CERTIFICATE, request.certificatePem) }
          : {};
    const endpoints = this.customEndpoints();
    const file: ConfigFile = {
      room: { email: roomEmail },
      calendar: {
        source: 'graph',
        tenant: request.tenant.trim(),
        clientId: request.clientId.trim(),
        auth: request.mode as AuthMode,
        cloud: this.o.config.setup.cloud,
        ...(endpoints ? { endpoints: { ...(endpoints.authority ? { authority: endpoints.authority } : {}), ...(endpoints.graph ? { graph: endpoints.graph } : {}) } } : {}),
        ...credentialKeys,
      },
    };
    const calendar = resolveConfig(parseConfig(file, 'the setup page'), null).calendar;
    if (calendar.source !== 'graph') throw new Error('setup built a config without a Graph calendar');
    return calendar;
  }

  private stage(name: string, text: string): string {
    const path = join(this.staging, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  }

  private credentialSource(request: SignInRequest): CredentialSource {
    if (request.mode === 'app-secret') return { kind: 'secret-value', value: request.secret };
    if (request.mode === 'app-certificate') return { kind: 'certificate-pem', pem: request.certificatePem };
    return { kind: 'none' };
  }

  private async tryApp(s: Staged): Promise<ApiResult<SetupSignInJson>> {
    try {
      await s.tokens.token();
      s.state = 'signed-in';
      s.account = 'app credentials';
    } catch (err) {
      s.state = 'failed';
      s.error = err instanceof GraphFailure ? err.failure.advice : errorMessage(err);
    }
    this.o.onChange?.();
    return s.state === 'signed-in' ? { ok: true, value: this.signInStatus() } : refuse('SIGN_IN_FAILED', s.error ?? 'The sign-in failed.');
  }

  /** Asks for a device code and waits (briefly) until it is there for the phone to show. */
  private async startDeviceCode(s: Staged): Promise<ApiResult<SetupSignInJson>> {
    s.state = 'waiting';
    const prompted = new Promise<void>((resolve) => {
      s.stopWatch = s.tokens.onStatusChange(() => {
        void this.followDeviceCode(s);
        resolve();
      });
    });
    s.tokens.token().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, DEVICE_CODE_WAIT_MS);
      timer.unref();
    });
    await Promise.race([prompted, gaveUp]);
    clearTimeout(timer);
    const status = this.signInStatus();
    if (s.state === 'waiting' && !status.userCode) {
      return refuse('SIGN_IN_FAILED', 'Microsoft 365 did not hand out a sign-in code. Check the tenant and client ID (the app registration must allow public client flows), and the network.');
    }
    return { ok: true, value: status };
  }

  private async followDeviceCode(s: Staged): Promise<void> {
    const status = s.tokens.status();
    if (status.signIn) {
      s.state = 'waiting';
      s.error = null;
    } else {
      const account = s.tokens instanceof DeviceCodeProvider ? await s.tokens.account() : null;
      if (account) {
        s.state = 'signed-in';
        s.account = account.username;
      } else {
        s.state = 'failed';
        s.error = status.notices[0]?.message ?? 'The sign-in was not completed. Start it again.';
      }
    }
    this.o.onChange?.();
  }

  private async readPlaces(s: Staged): Promise<RoomChoiceJson[]> {
    const http = new GraphHttp({ baseUrl: `${s.connection.graphOrigin}/v1.0`, room: NO_ROOM_YET, accessToken: (o) => s.tokens.token(o), now: () => this.o.clock.now() });
    const rooms: RoomChoiceJson[] = [];
    let next: string | null = '/places/microsoft.graph.room?$top=100';
    for (let page = 0; next && page < MAX_PLACES_PAGES; page++) {
      const body = (await http.getJson(next, 100)) as { value?: unknown[]; '@odata.nextLink'?: string };
      for (const item of body.value ?? []) {
        const room = roomChoice(item);
        if (room) rooms.push(room);
      }
      next = body['@odata.nextLink'] ?? null;
    }
    return rooms.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async runChecks(s: Staged, roomEmail: string): Promise<void> {
    const configFile = join(this.staging, 'config.json');
    let report: DoctorReport | null = null;
    let crash: string | null = null;
    try {
      const file: ConfigFile = { room: { email: roomEmail }, calendar: calendarKeysOf(s.connection) };
      writeFileSync(configFile, JSON.stringify(file), { mode: 0o600 });
      report = await diagnose({ configFile, dataDir: this.staging, logger: silentLogger(), clock: this.o.clock, env: {}, uid: null });
    } catch (err) {
      crash = errorMessage(err);
    }
    if (this.closed || this.checks?.roomEmail !== roomEmail) return;
    this.checks = { roomEmail, running: false, lines: report ? checkLinesJson(report) : [{ id: 'doctor', name: 'Checks', status: 'FAIL', title: `The checks could not run: ${crash ?? 'unknown error'}`, fix: 'Try again; if it repeats, run "lintel doctor" on the device.' }] };
    this.o.onChange?.();
  }
}

function text(v: unknown, max = 120): string | null {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null;
}

/** One Places room, or null for an entry without a usable address; every string is cut to size. */
function roomChoice(item: unknown): RoomChoiceJson | null {
  if (typeof item !== 'object' || item === null) return null;
  const r = item as Record<string, unknown>;
  const email = text(r.emailAddress, 254);
  if (!email || !z.email().safeParse(email).success) return null;
  const floor = text(r.floorLabel) ?? (typeof r.floorNumber === 'number' ? String(r.floorNumber) : null);
  return { email, name: text(r.displayName, 80) ?? email, building: text(r.building), floor, capacity: typeof r.capacity === 'number' && r.capacity >= 0 ? Math.round(r.capacity) : null };
}

function calendarKeysOf(c: GraphConnection): NonNullable<ConfigFile['calendar']> {
  return {
    source: 'graph',
    tenant: c.tenant,
    clientId: c.clientId,
    auth: c.auth,
    cloud: c.cloud,
    endpoints: { authority: c.authorityOrigin, graph: c.graphOrigin },
    ...(c.clientSecretFile ? { clientSecretFile: c.clientSecretFile } : {}),
    ...(c.certificateFile ? { certificateFile: c.certificateFile } : {}),
  };
}

