import { useEffect, useState } from 'preact/hooks';
import type { ApiError, RoomListJson, SetupSignInJson } from '../../../../src/api/contract.js';
import type { SetupApi } from '../setup-api.js';
import type { ShownError } from '../setup-errors.js';
import { roomDetails, signedInWording } from '../setup-flow.js';
import type { ChosenRoom } from '../setup-token.js';
import { useDebounced } from '../use-debounced.js';
import { ErrorBox } from './error-box.js';
import { RoomAddressForm } from './room-address-form.js';

/** Typing pauses this long before the display is asked: one search per word, not per letter. */
export const ROOM_SEARCH_DEBOUNCE_MS = 250;

interface Props {
  api: SetupApi;
  signIn: SetupSignInJson;
  triage(error: ApiError): ShownError | null;
  onChoose(room: ChosenRoom): void;
  onBack(): void;
}

type Search = { state: 'loading' } | { state: 'ready'; list: RoomListJson; query: string } | { state: 'failed'; error: ShownError | null };

function searchSummary(count: number, query: string): string {
  const q = query.trim();
  if (count === 0) return q ? `No room matches “${q}”.` : 'No rooms found. Type the address below.';
  return count === 1 ? '1 room' : `${count} rooms`;
}

/** Step 2: which room this display is for, from the organisation's room list (Places). */
export function RoomStep({ api, signIn, triage, onChoose, onBack }: Props) {
  const [query, setQuery] = useState('');
  const [retry, setRetry] = useState(0);
  const [search, setSearch] = useState<Search>({ state: 'loading' });
  const [typeAddress, setTypeAddress] = useState(false);
  const settled = useDebounced(query, ROOM_SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    // A newer search cancels the older one, so a slow answer never overwrites a newer list.
    const controller = new AbortController();
    setSearch((s) => (s.state === 'ready' ? s : { state: 'loading' }));
    void api.rooms(settled, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) setSearch({ state: 'ready', list: result.value, query: settled });
      else setSearch({ state: 'failed', error: triage(result.error) });
    });
    return () => controller.abort();
  }, [api, settled, retry, triage]);

  const wording = signedInWording(signIn);
  const list = search.state === 'ready' ? search.list : null;
  const placesDown = list !== null && !list.placesAvailable;
  // The last list stays on screen while a newer search runs, marked as being refreshed.
  const searching = search.state === 'loading' || settled !== query || (search.state === 'ready' && search.query !== settled);

  return (
    <section class="card" data-testid="room-step">
      <p class="signed-in compact" data-testid="signed-in-as">
        <span>
          Signed in {wording.joiner} <bdi class="account">{wording.who}</bdi>
        </span>
        <button type="button" class="text-button" data-testid="sign-in-change" onClick={onBack}>
          Change
        </button>
      </p>
      <h2 class="card-title">Which room is this display for?</h2>

      {placesDown ? (
        <>
          <p class="notice" data-testid="places-unavailable">
            {list.reason ?? 'The room list cannot be read.'}
          </p>
          <RoomAddressForm onChoose={(email) => onChoose({ email, name: null })} />
        </>
      ) : (
        <>
          <label class="label" for="room-search">
            Search rooms
          </label>
          <input
            id="room-search"
            class="input"
            type="search"
            data-testid="room-search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            placeholder="Name, building or floor"
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            enterKeyHint="search"
          />
          <p class="hint" aria-live="polite" data-testid="room-search-state" data-searching={String(searching)}>
            {searching ? 'Looking for rooms…' : list ? searchSummary(list.rooms.length, query) : ''}
          </p>
          {search.state === 'failed' ? (
            <>
              <ErrorBox error={search.error} />
              <button type="button" class="button secondary" data-testid="rooms-retry" onClick={() => setRetry((n) => n + 1)}>
                Try again
              </button>
            </>
          ) : null}
          {list ? (
            <ul class="room-list">
              {list.rooms.map((room) => {
                const details = roomDetails(room);
                return (
                  <li key={room.email}>
                    <button type="button" class="room-row" data-testid="room-row" data-email={room.email} onClick={() => onChoose({ email: room.email, name: room.name })}>
                      <span class="room-name">
                        <bdi>{room.name}</bdi>
                      </span>
                      {details ? <span class="room-details">{details}</span> : null}
                      <span class="room-email">{room.email}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {typeAddress ? (
            <RoomAddressForm onChoose={(email) => onChoose({ email, name: null })} />
          ) : (
            <button type="button" class="text-button wide" data-testid="room-address-toggle" onClick={() => setTypeAddress(true)}>
              Room not listed? Type its mailbox address
            </button>
          )}
        </>
      )}

      <button type="button" class="button secondary" data-testid="back" onClick={onBack}>
        Back
      </button>
    </section>
  );
}
