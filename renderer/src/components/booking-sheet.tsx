import { useEffect, useState } from 'preact/hooks';
import type { BookingOptionJson } from '../../../src/api/contract.js';
import { NAME_MAX } from '../door-actions.js';
import { bookingOptionLines } from '../door-wording.js';
import type { TimeFormat } from '../format.js';
import type { Strings } from '../i18n.js';

/**
 * A sheet nobody touches goes away by itself: the door must go back to saying whether the room
 * is free for the next person walking past.
 */
export const SHEET_IDLE_MS = 45_000;

interface Props {
  options: readonly BookingOptionJson[];
  askName: boolean;
  fmt: TimeFormat;
  t: Strings;
  onChoose: (option: BookingOptionJson, name: string) => void;
  onClose: () => void;
}

/**
 * The booking choices, over the status panel. One tap on a choice books (no "are you sure"):
 * Undo in the banner is the safety net, and it costs nobody a second tap.
 */
export function BookingSheet({ options, askName, fmt, t, onChoose, onClose }: Props) {
  const a = t.actions;
  const [name, setName] = useState('');
  const [touchedAt, setTouchedAt] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setTimeout(onClose, SHEET_IDLE_MS);
    return () => window.clearTimeout(timer);
  }, [touchedAt, onClose]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section
      class="booking-sheet"
      role="dialog"
      aria-modal="true"
      aria-labelledby="booking-sheet-title"
      data-testid="booking-sheet"
      onPointerDown={() => setTouchedAt(Date.now())}
    >
      <header class="sheet-header">
        <h2 class="sheet-title" id="booking-sheet-title">
          {a.sheetTitle}
        </h2>
        <button type="button" class="touch touch-secondary sheet-cancel" data-testid="sheet-cancel" onClick={onClose}>
          {a.cancel}
        </button>
      </header>
      {askName ? (
        <label class="sheet-name">
          <span class="sheet-name-label">{a.nameLabel}</span>
          <input
            class="sheet-name-input"
            data-testid="sheet-name"
            type="text"
            maxLength={NAME_MAX}
            autocomplete="off"
            autocapitalize="words"
            spellcheck={false}
            enterkeyhint="done"
            dir="auto"
            placeholder={a.namePlaceholder}
            value={name}
            onInput={(e) => {
              setName(e.currentTarget.value.slice(0, NAME_MAX));
              setTouchedAt(Date.now());
            }}
          />
        </label>
      ) : null}
      <div class="sheet-options" data-count={options.length}>
        {options.map((option) => {
          const lines = bookingOptionLines(option, a, fmt);
          return (
            <button
              type="button"
              class="touch touch-option"
              key={`${option.kind}-${option.end}`}
              data-testid="book-option"
              data-kind={option.kind}
              data-minutes={option.minutes}
              onClick={() => onChoose(option, name)}
            >
              <span class="option-main">{lines.main}</span>
              <span class="option-detail">{lines.detail}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
