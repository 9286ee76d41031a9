// The join address as a QR code, drawn as one SVG path from the qrcode package's module matrix: no
// data: URL and no HTML strings, so it passes a strict Content-Security-Policy.
import QRCode from 'qrcode';
import { teacher } from '../../shared/i18n/en/teacher';

/** Light modules around the code, as the QR standard asks for. */
const QUIET_ZONE = 4;

export function QrCode({ text, class: className }: { text: string; class?: string }) {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  let d = '';
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (data[y * size + x]) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
  const side = size + 2 * QUIET_ZONE;
  return (
    <svg class={className} viewBox={`0 0 ${side} ${side}`} role="img" aria-label={teacher.qrFor(text)}>
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" shape-rendering="crispEdges" />
    </svg>
  );
}
