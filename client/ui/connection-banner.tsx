// Shown while the connection is down; the app keeps its screen underneath and picks up where it
// was once the server answers again, so the banner is the only sign of a drop.
import type { Status } from '../net/connection';

export function ConnectionBanner({
  status,
  visible,
  inGame,
}: {
  status: Status;
  visible: boolean;
  /** In a game, any state but online means the connection was lost (Socket.IO says "connecting" while it retries). */
  inGame: boolean;
}) {
  if (!visible || status === 'online') return null;
  return (
    <div class="connection-banner" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{inGame || status === 'offline' ? 'Connection lost. Reconnecting…' : 'Connecting…'}</span>
    </div>
  );
}
