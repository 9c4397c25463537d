import { useState } from 'preact/hooks';
import { PEM_MAX_CHARS } from '../setup-validate.js';

interface Props {
  /** PEM text, or '' when nothing usable was read. */
  onPem(text: string): void;
  invalid: boolean;
  describedBy: string | undefined;
}

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

/**
 * The certificate and its private key as one PEM file from the phone's files. Read here and sent
 * as text; the file name is shown, the key never is.
 */
export function CertificateInput({ onPem, invalid, describedBy }: Props) {
  const [fileName, setFileName] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const choose = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    if (!file) {
      setFileName(null);
      onPem('');
      return;
    }
    setFileName(file.name);
    setReading(true);
    try {
      // One byte past the limit is enough for the check to say "too big": a photo picked by
      // mistake is never loaded whole. PEM is ASCII, so bytes and characters agree.
      onPem(await readText(file.slice(0, PEM_MAX_CHARS + 1)));
    } catch {
      onPem('');
    } finally {
      setReading(false);
    }
  };

  return (
    <div class="file-field">
      <label class="label" for="certificate-file">
        Certificate with private key (.pem)
      </label>
      <input
        id="certificate-file"
        class="file-input"
        type="file"
        accept=".pem,.crt,.cer,.key,.txt,application/x-pem-file,application/x-x509-ca-cert,text/plain"
        data-testid="certificate-file"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => void choose(e.currentTarget)}
      />
      <p class="hint" aria-live="polite">
        {reading ? 'Reading the file…' : fileName ? `Chosen: ${fileName}` : 'One file holding the certificate and its unencrypted private key.'}
      </p>
    </div>
  );
}
