import type { ActionKind, AdminCommand, AdminNoticeSeverity, BookUnavailableReason, CheckStatusJson, RoomStatus } from '../../src/api/contract.js';

export interface Strings {
  status: Record<RoomStatus, string>;
  until: (time: string) => string;
  untilTomorrow: (time: string) => string;
  restOfDay: string;
  startsAt: (time: string) => string;
  checkInBy: (time: string) => string;
  now: string;
  next: string;
  today: string;
  nothingToday: string;
  noMoreToday: string;
  allDay: string;
  tentative: string;
  cancelled: string;
  privateMeeting: string;
  offline: (time: string) => string;
  offlineNever: string;
  connectionLost: string;
  earlier: (n: number) => string;
  starting: string;
  inMinutes: (n: number) => string;
  signIn: {
    title: string;
    /** Step 1, followed by the URL. */
    open: string;
    scan: string;
    /** Step 2, followed by the code. */
    enterCode: string;
    /** Followed by the account, kept apart so a right-to-left address cannot reorder the sentence. */
    signInAs: string;
    expiresIn: (countdown: string) => string;
    expired: string;
  };
  notices: {
    severity: Record<AdminNoticeSeverity, string>;
    more: (n: number) => string;
  };
  actions: ActionStrings;
  setup: SetupStrings;
  admin: AdminStrings;
}

/** The door while the display is not paired (or an admin re-opened setup). */
export interface SetupStrings {
  title: string;
  /** Before the device name. */
  device: string;
  /** Beside the QR code, leading into "or open …". */
  scan: string;
  /** "or open <address> and type the code": the address goes between the two. */
  orOpen: string;
  andType: string;
  expiresIn: (countdown: string) => string;
  expired: string;
  locked: (time: string) => string;
  reopened: string;
  /** "This display stays paired to <room> until …": the room goes between the two. */
  keepsPairing: { before: string; after: string };
}

/** The PIN pad and the admin screen: staff at arm's length, not passers-by. */
export interface AdminStrings {
  pinTitle: string;
  pinHint: string;
  /** For screen readers: how many digits are in (the digits themselves are never shown). */
  pinEntered: (n: number) => string;
  backspace: string;
  ok: string;
  cancel: string;
  checkingPin: string;
  title: string;
  running: string;
  close: string;
  retry: string;
  recheck: string;
  fields: {
    device: string;
    addresses: string;
    room: string;
    signedInAs: string;
    pairedAt: string;
    lastSync: string;
    connection: string;
    versions: string;
  };
  online: string;
  offline: string;
  never: string;
  notPaired: string;
  noAddress: string;
  errors: string;
  noErrors: string;
  checks: string;
  noChecks: string;
  checkStatus: Record<CheckStatusJson, string>;
  commands: Record<AdminCommand, string>;
  working: string;
  factoryResetTitle: string;
  factoryResetWarning: string;
  factoryResetYes: string;
  factoryResetNo: string;
  /** The core did not answer at all. */
  unreachable: string;
}

/** What the door says about walk-up booking, check-in, end early, extend and undo. */
export interface ActionStrings {
  bookNow: string;
  /** Why a free room cannot be booked here; short enough for one line under the status. */
  bookUnavailable: Record<BookUnavailableReason, string>;
  sheetTitle: string;
  nameLabel: string;
  namePlaceholder: string;
  cancel: string;
  /** An option's big line, its end: "Until 10:20". */
  optionUntil: (time: string) => string;
  /** A fixed-length option's small line: how long that really is from now. */
  optionMinutes: (n: number) => string;
  /** The until-the-next-meeting option's small line. */
  untilNextHint: string;
  checkIn: string;
  endEarly: string;
  extendBy: (n: number) => string;
  /** Names the group of extend buttons for screen readers. */
  extend: string;
  undo: string;
  /** Seconds left to undo, beside the Undo button's word. */
  undoSeconds: (s: number) => string;
  dismiss: string;
  /** While an action is on its way, by kind. */
  sending: Record<ActionKind, string>;
  waitingForRoom: string;
  queuedOffline: string;
  retrying: string;
  /** Finished, by the core's `code`; times are the activity's end. */
  done: {
    booked: (end: string) => string;
    checkedIn: string;
    ended: string;
    extended: (end: string) => string;
    released: string;
    undone: string;
  };
  /**
   * Failures and refusals by code (activity codes and the API's error codes); a "kind:code" key
   * words a code that means something else for that kind (an extension "taken" by the next meeting).
   */
  failed: Record<string, string>;
  /** When a failure's code is unknown and it came with no words. */
  failedGeneric: string;
}

const en: Strings = {
  status: { free: 'Free', soon: 'Starting soon', busy: 'Busy', 'awaiting-checkin': 'Check in' },
  until: (t) => `until ${t}`,
  untilTomorrow: (t) => `until tomorrow ${t}`,
  restOfDay: 'for the rest of the day',
  startsAt: (t) => `Meeting at ${t}`,
  checkInBy: (t) => `Check in by ${t} or the room is released`,
  now: 'Now',
  next: 'Next',
  today: 'Today',
  nothingToday: 'No meetings today',
  noMoreToday: 'No more meetings today',
  allDay: 'All day',
  tentative: 'Tentative',
  cancelled: 'Cancelled',
  privateMeeting: 'Private meeting',
  offline: (t) => `Offline · updated ${t}`,
  offlineNever: 'Offline · not yet synced',
  connectionLost: 'Reconnecting…',
  earlier: (n) => `${n} earlier`,
  starting: 'Starting…',
  inMinutes: (n) => (n <= 1 ? 'in 1 min' : `in ${n} min`),
  signIn: {
    title: 'Sign in to connect this room',
    open: 'On your phone or computer, open',
    scan: 'Or scan with your phone',
    enterCode: 'Enter this code',
    signInAs: 'Sign in as',
    expiresIn: (c) => `Code expires in ${c}`,
    expired: 'This code has expired. A new one is on its way…',
  },
  notices: {
    severity: { warning: 'Warning for the administrator', error: 'Error for the administrator' },
    more: (n) => `+${n} more`,
  },
  actions: {
    bookNow: 'Book now',
    bookUnavailable: {
      offline: 'Booking needs a connection — book in Outlook',
      'too-short': 'Free for less than 10 minutes',
      'signed-out': 'Booking is not set up on this display',
    },
    sheetTitle: 'Book this room now',
    nameLabel: 'Your name (optional)',
    namePlaceholder: 'Shown on the booking',
    cancel: 'Cancel',
    optionUntil: (t) => `Until ${t}`,
    optionMinutes: (n) => `${n} min`,
    untilNextHint: 'until the next meeting',
    checkIn: 'Check in',
    endEarly: 'End now',
    extendBy: (n) => `+${n} min`,
    extend: 'Extend the meeting',
    undo: 'Undo',
    undoSeconds: (s) => `${s} s`,
    dismiss: 'Close',
    sending: {
      book: 'Booking…',
      'check-in': 'Checking in…',
      'end-early': 'Ending the meeting…',
      extend: 'Extending…',
      release: 'Releasing the room…',
      undo: 'Undoing…',
    },
    waitingForRoom: 'Waiting for the room to accept…',
    queuedOffline: 'Saved on this device — will be sent when the connection is back',
    retrying: 'Not through yet — trying again…',
    done: {
      booked: (end) => `Booked until ${end}`,
      checkedIn: 'Checked in',
      ended: 'Ended',
      extended: (end) => `Extended to ${end}`,
      released: 'Room released',
      undone: 'Undone',
    },
    failed: {
      'declined-conflict': 'The room declined: it is already booked then',
      'declined-hours': 'The room declined: outside its booking hours',
      'declined-window': 'The room declined: not bookable that far ahead',
      'declined-length': 'The room declined: the booking is too long',
      declined: 'The room declined the booking',
      taken: 'Someone booked this room in Outlook a moment ago',
      'extend:taken': 'The room is booked right after this meeting',
      'undo:taken': 'The room was booked meanwhile — the meeting cannot be restored',
      'no-answer': 'The room did not answer in time — nothing was booked',
      gone: 'That meeting no longer exists',
      'not-allowed': 'This display may not do that',
      failed: 'That did not work — please use Outlook',
      OFFLINE: 'Not possible while the display is offline',
      NOT_OFFERED: 'That is no longer possible here',
      'book:NOT_OFFERED': 'That time is no longer free — please choose again',
      TOO_LATE: 'Too late to undo',
      NOTHING_TO_UNDO: 'Nothing to undo',
      SIGNED_OUT: 'Booking is not set up on this display yet — book in Outlook',
      UNREACHABLE: 'The display is not answering — please try again',
    },
    failedGeneric: 'That did not work — please use Outlook',
  },
  setup: {
    title: 'Set up this display',
    device: 'This display:',
    scan: 'Scan the QR code with your phone,',
    orOpen: 'or open',
    andType: 'and type the code',
    expiresIn: (c) => `Code expires in ${c}`,
    expired: 'This code has expired. A new one is on its way…',
    locked: (t) => `Setup is locked after too many wrong codes — try again at ${t}`,
    reopened: 'An admin re-opened setup.',
    keepsPairing: { before: 'This display stays paired to', after: 'until a new setup is confirmed.' },
  },
  admin: {
    pinTitle: 'Admin PIN',
    pinHint: 'Enter the PIN chosen when this display was set up',
    pinEntered: (n) => (n === 1 ? '1 digit entered' : `${n} digits entered`),
    backspace: 'Delete the last digit',
    ok: 'OK',
    cancel: 'Cancel',
    checkingPin: 'Checking…',
    title: 'Admin',
    running: 'Running checks…',
    close: 'Close',
    retry: 'Try again',
    recheck: 'Check again',
    fields: {
      device: 'Device',
      addresses: 'Addresses',
      room: 'Room',
      signedInAs: 'Signed in as',
      pairedAt: 'Paired',
      lastSync: 'Last sync',
      connection: 'Connection',
      versions: 'Versions',
    },
    online: 'Online',
    offline: 'Offline',
    never: 'Never',
    notPaired: 'Not paired',
    noAddress: 'No network address',
    errors: 'Recent errors',
    noErrors: 'No recent errors',
    checks: 'Checks',
    noChecks: 'No checks ran',
    checkStatus: { PASS: 'OK', WARN: 'Warning', FAIL: 'Failed', SKIP: 'Skipped', RUNNING: 'Running' },
    commands: { 'reopen-setup': 'Re-open setup', 'change-room': 'Change room', restart: 'Restart', 'factory-reset': 'Factory reset' },
    working: 'Working…',
    factoryResetTitle: 'Factory reset this display?',
    factoryResetWarning:
      'This wipes the Microsoft 365 credentials and the calendar cache from this display. It then goes back to “Set up this display” and has to be set up again.',
    factoryResetYes: 'Wipe and reset',
    factoryResetNo: 'Keep everything',
    unreachable: 'The display is not answering — please try again',
  },
};

const de: Strings = {
  status: { free: 'Frei', soon: 'Gleich belegt', busy: 'Belegt', 'awaiting-checkin': 'Einchecken' },
  until: (t) => `bis ${t}`,
  untilTomorrow: (t) => `bis morgen ${t}`,
  restOfDay: 'für den Rest des Tages',
  startsAt: (t) => `Besprechung um ${t}`,
  checkInBy: (t) => `Bis ${t} einchecken, sonst wird der Raum freigegeben`,
  now: 'Jetzt',
  next: 'Danach',
  today: 'Heute',
  nothingToday: 'Heute keine Besprechungen',
  noMoreToday: 'Heute keine weiteren Besprechungen',
  allDay: 'Ganztägig',
  tentative: 'Vorläufig',
  cancelled: 'Abgesagt',
  privateMeeting: 'Private Besprechung',
  offline: (t) => `Offline · Stand ${t}`,
  offlineNever: 'Offline · noch nicht synchronisiert',
  connectionLost: 'Verbindung wird wiederhergestellt…',
  earlier: (n) => `${n} früher`,
  starting: 'Wird gestartet…',
  inMinutes: (n) => (n <= 1 ? 'in 1 Min.' : `in ${n} Min.`),
  signIn: {
    title: 'Anmelden, um diesen Raum zu verbinden',
    open: 'Auf dem Handy oder Computer öffnen',
    scan: 'Oder mit dem Handy scannen',
    enterCode: 'Diesen Code eingeben',
    signInAs: 'Anmelden als',
    expiresIn: (c) => `Code gültig noch ${c}`,
    expired: 'Dieser Code ist abgelaufen. Ein neuer kommt gleich…',
  },
  notices: {
    severity: { warning: 'Warnung für die Administration', error: 'Fehler für die Administration' },
    more: (n) => `+${n} weitere`,
  },
  actions: {
    bookNow: 'Jetzt buchen',
    bookUnavailable: {
      offline: 'Buchen braucht eine Verbindung — bitte in Outlook buchen',
      'too-short': 'Weniger als 10 Minuten frei',
      'signed-out': 'Buchen ist an diesem Display nicht eingerichtet',
    },
    sheetTitle: 'Diesen Raum jetzt buchen',
    nameLabel: 'Ihr Name (freiwillig)',
    namePlaceholder: 'Steht in der Buchung',
    cancel: 'Abbrechen',
    optionUntil: (t) => `Bis ${t}`,
    optionMinutes: (n) => `${n} Min.`,
    untilNextHint: 'bis zur nächsten Besprechung',
    checkIn: 'Einchecken',
    endEarly: 'Jetzt beenden',
    extendBy: (n) => `+${n} Min.`,
    extend: 'Besprechung verlängern',
    undo: 'Rückgängig',
    undoSeconds: (s) => `${s} s`,
    dismiss: 'Schließen',
    sending: {
      book: 'Wird gebucht…',
      'check-in': 'Wird eingecheckt…',
      'end-early': 'Besprechung wird beendet…',
      extend: 'Wird verlängert…',
      release: 'Raum wird freigegeben…',
      undo: 'Wird rückgängig gemacht…',
    },
    waitingForRoom: 'Warten auf die Zusage des Raums…',
    queuedOffline: 'Auf diesem Gerät gespeichert — wird gesendet, sobald die Verbindung zurück ist',
    retrying: 'Noch nicht durch — neuer Versuch…',
    done: {
      booked: (end) => `Gebucht bis ${end}`,
      checkedIn: 'Eingecheckt',
      ended: 'Beendet',
      extended: (end) => `Verlängert bis ${end}`,
      released: 'Raum freigegeben',
      undone: 'Rückgängig gemacht',
    },
    failed: {
      'declined-conflict': 'Der Raum hat abgelehnt: Er ist dann schon gebucht',
      'declined-hours': 'Der Raum hat abgelehnt: außerhalb seiner Buchungszeiten',
      'declined-window': 'Der Raum hat abgelehnt: so weit im Voraus nicht buchbar',
      'declined-length': 'Der Raum hat abgelehnt: die Buchung ist zu lang',
      declined: 'Der Raum hat die Buchung abgelehnt',
      taken: 'Jemand hat den Raum gerade in Outlook gebucht',
      'extend:taken': 'Der Raum ist direkt nach dieser Besprechung gebucht',
      'undo:taken': 'Der Raum wurde inzwischen gebucht — die Besprechung lässt sich nicht wiederherstellen',
      'no-answer': 'Der Raum hat nicht rechtzeitig geantwortet — nichts wurde gebucht',
      gone: 'Diese Besprechung gibt es nicht mehr',
      'not-allowed': 'Das darf dieses Display nicht',
      failed: 'Das hat nicht geklappt — bitte Outlook verwenden',
      OFFLINE: 'Nicht möglich, solange das Display offline ist',
      NOT_OFFERED: 'Das ist hier nicht mehr möglich',
      'book:NOT_OFFERED': 'Diese Zeit ist nicht mehr frei — bitte neu wählen',
      TOO_LATE: 'Zu spät zum Rückgängigmachen',
      NOTHING_TO_UNDO: 'Nichts rückgängig zu machen',
      SIGNED_OUT: 'Buchen ist an diesem Display noch nicht eingerichtet — bitte in Outlook buchen',
      UNREACHABLE: 'Das Display antwortet nicht — bitte noch einmal versuchen',
    },
    failedGeneric: 'Das hat nicht geklappt — bitte Outlook verwenden',
  },
  setup: {
    title: 'Dieses Display einrichten',
    device: 'Dieses Display:',
    scan: 'Den QR-Code mit dem Handy scannen',
    orOpen: 'oder',
    andType: 'öffnen und den Code eingeben',
    expiresIn: (c) => `Code gültig noch ${c}`,
    expired: 'Dieser Code ist abgelaufen. Ein neuer kommt gleich…',
    locked: (t) => `Einrichtung gesperrt nach zu vielen falschen Codes — wieder möglich um ${t}`,
    reopened: 'Die Einrichtung wurde von der Administration wieder geöffnet.',
    keepsPairing: { before: 'Das Display bleibt mit', after: 'verbunden, bis eine neue Einrichtung bestätigt ist.' },
  },
  admin: {
    pinTitle: 'Admin-PIN',
    pinHint: 'Die bei der Einrichtung gewählte PIN eingeben',
    pinEntered: (n) => (n === 1 ? '1 Ziffer eingegeben' : `${n} Ziffern eingegeben`),
    backspace: 'Letzte Ziffer löschen',
    ok: 'OK',
    cancel: 'Abbrechen',
    checkingPin: 'Wird geprüft…',
    title: 'Administration',
    running: 'Prüfungen laufen…',
    close: 'Schließen',
    retry: 'Noch einmal',
    recheck: 'Erneut prüfen',
    fields: {
      device: 'Gerät',
      addresses: 'Adressen',
      room: 'Raum',
      signedInAs: 'Angemeldet als',
      pairedAt: 'Verbunden seit',
      lastSync: 'Letzter Abgleich',
      connection: 'Verbindung',
      versions: 'Versionen',
    },
    online: 'Online',
    offline: 'Offline',
    never: 'Nie',
    notPaired: 'Nicht verbunden',
    noAddress: 'Keine Netzwerkadresse',
    errors: 'Letzte Fehler',
    noErrors: 'Keine Fehler in letzter Zeit',
    checks: 'Prüfungen',
    noChecks: 'Keine Prüfungen gelaufen',
    checkStatus: { PASS: 'OK', WARN: 'Warnung', FAIL: 'Fehler', SKIP: 'Übersprungen', RUNNING: 'Läuft' },
    commands: { 'reopen-setup': 'Einrichtung öffnen', 'change-room': 'Raum wechseln', restart: 'Neu starten', 'factory-reset': 'Zurücksetzen' },
    working: 'Wird ausgeführt…',
    factoryResetTitle: 'Dieses Display auf Werkseinstellungen zurücksetzen?',
    factoryResetWarning:
      'Das löscht die Microsoft-365-Anmeldedaten und den Kalender-Zwischenspeicher auf diesem Display. Danach zeigt es wieder „Dieses Display einrichten“ und muss neu eingerichtet werden.',
    factoryResetYes: 'Löschen und zurücksetzen',
    factoryResetNo: 'Nichts löschen',
    unreachable: 'Das Display antwortet nicht — bitte noch einmal versuchen',
  },
};

export function stringsFor(locale: string): Strings {
  return locale.toLowerCase().startsWith('de') ? de : en;
}
