import { useState } from 'preact/hooks';
import { checkRoomEmail } from '../setup-validate.js';
import { FieldError } from './error-box.js';

/** The room's mailbox address typed by hand: when Places cannot be read, or the room is not listed. */
export function RoomAddressForm({ onChoose }: { onChoose(email: string): void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (e: Event): void => {
    e.preventDefault();
    const problem = checkRoomEmail(typed);
    setError(problem ?? undefined);
    if (!problem) onChoose(typed.trim());
  };
  return (
    <form class="address-form" data-testid="room-address-form" onSubmit={submit} noValidate>
      <label class="label" for="room-address">
        Type the room mailbox address
      </label>
      <input
        id="room-address"
        class="input"
        type="email"
        inputMode="email"
        data-testid="room-address"
        value={typed}
        onInput={(e) => setTyped(e.currentTarget.value)}
        placeholder="room.4b@contoso.com"
        autocapitalize="none"
        autocomplete="off"
        spellcheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'room-address-error' : undefined}
      />
      <FieldError id="room-address-error" message={error} />
      <button type="submit" class="button primary" data-testid="room-address-submit">
        Use this room
      </button>
    </form>
  );
}
