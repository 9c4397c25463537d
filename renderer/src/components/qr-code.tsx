import { useMemo } from 'preact/hooks';
import { qrMatrix } from '../qr-matrix.js';

interface Props {
  /** Encoded as given; the caller decides what is safe to offer for scanning. */
  text: string;
  /** What the code opens, for screen readers (the symbol itself says nothing to them). */
  label: string;
  class?: string;
  testId?: string;
}

/**
 * A QR code drawn as SVG elements: scales to any size without blur, and never goes through
 * innerHTML, so hostile text can only change which modules are dark.
 */
export function QrCode({ text, label, class: className, testId }: Props) {
  const qr = useMemo(() => qrMatrix(text), [text]);
  if (!qr) return null;
  return (
    <svg
      class={className}
      data-testid={testId}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      {/* Black on white whatever the theme: scanners expect dark modules on a light quiet zone. */}
      <rect width={qr.size} height={qr.size} fill="#FFFFFF" />
      <path d={qr.path} fill="#000000" />
    </svg>
  );
}
