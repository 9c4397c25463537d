import type { LedMode, RoomStateJson } from '../../../src/api/contract.js';

const COLOURS = { red: '#ff3b30', green: '#34c759', amber: '#ffb020' } as const;

function Led({ name, mode }: { name: keyof typeof COLOURS; mode: LedMode }) {
  return (
    <span
      class={`led led-${mode}`}
      data-testid={`led-${name}`}
      data-mode={mode}
      title={`${name}: ${mode}`}
      style={{ '--led-colour': COLOURS[name] }}
    />
  );
}

/** What the status LEDs beside the door would show; for development and demos. */
export function DevOverlay({ leds }: { leds: RoomStateJson['leds'] }) {
  return (
    <aside class="dev-overlay" data-testid="dev-overlay" aria-label="Simulated status LEDs">
      <Led name="red" mode={leds.red} />
      <Led name="amber" mode={leds.amber} />
      <Led name="green" mode={leds.green} />
    </aside>
  );
}
