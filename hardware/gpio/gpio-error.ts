export type GpioErrorCode = 'unavailable' | 'permission' | 'no-chip' | 'pin-range' | 'busy' | 'timeout';

/** A GPIO problem worded for the admin: what is wrong and the command or setting that fixes it. */
export class GpioError extends Error {
  constructor(
    readonly code: GpioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GpioError';
  }
}

export const PERMISSION_FIX = 'add the user running Lintel to the gpio group (sudo usermod -aG gpio "$USER"), then log out and in again or restart the service';

/** Turns a file-system error on a GPIO file into a GpioError that says what to do. */
export function gpioFileError(err: unknown, path: string, what: string): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return new GpioError('permission', `No permission to ${what} (${path}): ${PERMISSION_FIX}.`);
  if (code === 'EBUSY') return new GpioError('busy', `GPIO is busy (${path}): another program holds this pin; stop it or choose another pin in the config.`);
  return err instanceof Error ? err : new Error(String(err));
}
