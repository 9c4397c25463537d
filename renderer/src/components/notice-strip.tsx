import type { AdminNoticeJson } from '../../../src/api/contract.js';
import type { Strings } from '../i18n.js';

/**
 * One line for the facilities admin along the bottom of the door. Passers-by should be able to
 * ignore it, so it stays small and dark; the admin walks up and reads it at arm's length.
 * The order of the notices is the core's: the first one is the one shown.
 */
export function NoticeStrip({ notices, t }: { notices: readonly AdminNoticeJson[]; t: Strings }) {
  const first = notices[0];
  if (!first) return null;
  const more = notices.length - 1;
  return (
    <aside class="notices" data-testid="notices" data-severity={first.severity} data-count={notices.length}>
      <span
        class={`notice-marker notice-marker-${first.severity}`}
        role="img"
        aria-label={t.notices.severity[first.severity]}
        title={t.notices.severity[first.severity]}
        data-testid="notice-marker"
      >
        {first.severity === 'error' ? '×' : '!'}
      </span>
      <span class="notice-message" dir="auto" data-testid="notice-message">
        {first.message}
      </span>
      {more > 0 ? (
        <span class="notice-more" data-testid="notice-more">
          {t.notices.more(more)}
        </span>
      ) : null}
    </aside>
  );
}
