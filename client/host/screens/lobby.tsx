import type { HostView } from '../../../shared/protocol/views';
import { useHostModel } from '../model';
import { QrCode } from '../qr-code';

/** "http://192.168.1.20:3000" from "http://192.168.1.20:3000/join/123456": what students type. */
export const siteOf = (joinUrl: string): string => joinUrl.replace(/\/join\/\d+\/?$/, '');

/** "123 456": six digits read more easily in two groups. */
export const spacedCode = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;

export function LobbyScreen({ view }: { view: HostView }) {
  const { kick, unkick, setLocked } = useHostModel();
  return (
    <section class="lobby">
      <div class="join-panel">
        <p class="join-how">
          Join at <strong class="join-site">{siteOf(view.joinUrl)}</strong> with the code
        </p>
        <p class="code-huge">{spacedCode(view.code)}</p>
        <div class="qr-row">
          <QrCode text={view.joinUrl} class="qr" />
          <p class="qr-note">
            or scan to open
            <br />
            <span class="join-url">{view.joinUrl}</span>
          </p>
        </div>
      </div>
      <div class="roster-panel">
        <h2 class="roster-count" aria-live="polite">
          {view.playerCount === 0
            ? 'Waiting for players…'
            : `${view.playerCount} ${view.playerCount === 1 ? 'player' : 'players'}`}
        </h2>
        {view.playerCount > 0 && <p class="muted">Click a name to remove that player.</p>}
        <ul class="roster">
          {view.players.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class={p.connected ? 'chip' : 'chip chip-away'}
                onClick={() => kick(p.id)}
                aria-label={`Remove ${p.nickname}`}
                title={`Remove ${p.nickname}`}
              >
                <span class="chip-name">{p.nickname}</span>
                <span aria-hidden="true" class="chip-x">
                  ×
                </span>
              </button>
            </li>
          ))}
        </ul>
        {view.kicked.length > 0 && (
          <section class="removed" aria-label="Removed players">
            <p class="muted">
              Removed (their browser cannot join again under another name; a private window can, so lock the
              game to keep everyone out):
            </p>
            <ul class="removed-list">
              {view.kicked.map((p) => (
                <li key={p.id}>
                  <span class="removed-name">{p.nickname}</span>
                  <button
                    type="button"
                    class="removed-undo"
                    onClick={() => unkick(p.id)}
                    aria-label={`Undo removing ${p.nickname}`}
                  >
                    Undo
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <label class="lock">
          <input type="checkbox" checked={view.locked} onChange={(e) => setLocked(e.currentTarget.checked)} />
          {view.locked ? ' Locked: nobody new can join' : ' Lock the game (nobody new can join)'}
        </label>
      </div>
    </section>
  );
}
