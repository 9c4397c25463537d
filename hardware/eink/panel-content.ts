/**
 * What an e-paper panel shows, already worded in the display's language by the core: the
 * hardware layer lays it out and draws it, it never decides or translates. Every string may come
 * from a calendar and is hostile: drawn as text, never parsed.
 */
export type PanelStatus = 'free' | 'busy' | 'soon' | 'awaiting-checkin';

export interface PanelMeeting {
  /** "10:15–11:00" */
  readonly time: string;
  readonly subject: string;
}

export interface DoorContent {
  readonly kind: 'door';
  readonly roomName: string;
  readonly status: PanelStatus;
  /** "Free" / "Busy" / "Starting soon" / "Check in now", the biggest thing on the panel. */
  readonly statusWord: string;
  /** "until 14:00", "Meeting at 10:15 · in 10 min". */
  readonly statusDetail: string;
  /** The meeting under way, if any. */
  readonly current: PanelMeeting | null;
  /** Heading above the next meetings ("Next", "Later today"). */
  readonly nextHeading: string;
  /** Up to three; the layout drops what does not fit. */
  readonly next: readonly PanelMeeting[];
  /** "Nothing else today" when `next` is empty. */
  readonly emptyNext: string;
  /** "Saturday 21 November" */
  readonly date: string;
  /** "Offline since 10:02 — showing saved calendar", or null when all is well. */
  readonly notice: string | null;
}

export interface SetupContent {
  readonly kind: 'setup';
  readonly roomName: string;
  /** "Set up this display" / "Sign in to Microsoft 365". */
  readonly title: string;
  /** Encoded as a QR code; a URL. */
  readonly qrText: string;
  /** Lines under the title: the short code, the URL to type, the device name, its address. */
  readonly lines: readonly string[];
}

export type PanelContent = DoorContent | SetupContent;
