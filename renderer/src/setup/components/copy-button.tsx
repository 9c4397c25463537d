import { useEffect, useState } from 'preact/hooks';

/**
 * The Clipboard API exists only in secure contexts, and the setup page is plain http on the LAN;
 * the old select-and-copy command still works there.
 */
async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Fall through to the old way (permission refused, document not focused).
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  area.setSelectionRange(0, text.length);
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [answer, setAnswer] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!answer) return;
    const timer = window.setTimeout(() => setAnswer(null), 2500);
    return () => window.clearTimeout(timer);
  }, [answer]);
  return (
    <button type="button" class="button secondary copy-button" data-testid={testId} onClick={() => void copyText(text).then((ok) => setAnswer(ok ? 'copied' : 'failed'))}>
      <span aria-live="polite">{answer === 'copied' ? 'Copied ✓' : answer === 'failed' ? 'Copy did not work: type it' : label}</span>
    </button>
  );
}
