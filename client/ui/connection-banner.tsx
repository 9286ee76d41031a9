// Shown while the connection is down; the app keeps its screen underneath and picks up where it
// was once the server answers again, so the banner is the only sign of a drop. A page older than the
// server's protocol keeps its screen too, under a banner that asks for a reload.

import { common } from '../../shared/i18n/en/common';
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
  if (status === 'outdated')
    return (
      <div class="connection-banner" role="alert">
        <span>{common.updated}</span>
        <button type="button" onClick={() => location.reload()}>
          {common.reload}
        </button>
      </div>
    );
  if (!visible || status === 'online') return null;
  return (
    <div class="connection-banner" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{inGame || status === 'offline' ? common.reconnecting : common.connecting}</span>
    </div>
  );
}
