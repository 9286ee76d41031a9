// Shown while the connection is down; the app keeps its screen underneath and picks up where it
// was once the server answers again, so the banner is the only sign of a drop.
import type { Status } from '../net/connection';

export function ConnectionBanner({ status, visible }: { status: Status; visible: boolean }) {
  if (!visible || status === 'online') return null;
  return (
    <div class="connection-banner" role="status">
      <span class="spinner" aria-hidden="true" />
      {status === 'offline' ? 'Connection lost. Reconnecting…' : 'Connecting…'}
    </div>
  );
}
