import { projector } from '../../../shared/i18n/en/projector';
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
          {projector.joinAt} <strong class="join-site">{siteOf(view.joinUrl)}</strong> {projector.withCode}
        </p>
        <p class="code-huge">{spacedCode(view.code)}</p>
        <div class="qr-row">
          <QrCode text={view.joinUrl} class="qr" />
          <p class="qr-note">
            {projector.scan}
            <br />
            <span class="join-url">{view.joinUrl}</span>
          </p>
        </div>
      </div>
      <div class="roster-panel">
        <h2 class="roster-count" aria-live="polite">
          {view.playerCount === 0 ? projector.waitingPlayers : projector.players(view.playerCount)}
        </h2>
        {view.playerCount > 0 && <p class="muted">{projector.clickToRemove}</p>}
        <ul class="roster">
          {view.players.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class={p.connected ? 'chip' : 'chip chip-away'}
                onClick={() => kick(p.id)}
                aria-label={projector.remove(p.nickname)}
                title={projector.remove(p.nickname)}
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
          <section class="removed" aria-label={projector.removedPlayers}>
            <p class="muted">{projector.removedNote}</p>
            <ul class="removed-list">
              {view.kicked.map((p) => (
                <li key={p.id}>
                  <span class="removed-name">{p.nickname}</span>
                  <button
                    type="button"
                    class="removed-undo"
                    onClick={() => unkick(p.id)}
                    aria-label={projector.undoRemove(p.nickname)}
                  >
                    {projector.undo}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <label class="lock">
          <input type="checkbox" checked={view.locked} onChange={(e) => setLocked(e.currentTarget.checked)} />
          {view.locked ? projector.locked : projector.lock}
        </label>
      </div>
    </section>
  );
}
