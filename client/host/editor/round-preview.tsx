// The live preview beside the round being typed: the plot with the run, the verdict and the engine's
// explanation, and the warnings. Recomputed a moment after the typing stops, in the browser.
import { useEffect, useState } from 'preact/hooks';
import { editor } from '../../../shared/i18n/en/editor';
import { RacePlot } from '../../plots/race-plot';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { OutcomeTag } from '../../ui/answers';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { formatAlpha } from '../../ui/scenario-text';
import { finishText } from '../parts/round-text';
import { checks, selected } from './editor-model';
import { type RoundPreview as Preview, previewRound } from './preview';

/** Long enough not to redraw on every keystroke, short enough to feel live. */
export const PREVIEW_DEBOUNCE_MS = 250;

export function RoundPreview() {
  const check = checks.value[selected.value];
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // A new check object means the round changed: recompute once the typing pauses.
  useEffect(() => {
    if (!check?.ok) return;
    const timer = setTimeout(() => {
      try {
        setPreview(previewRound(check.round));
        setFailed(null);
      } catch (error) {
        setFailed(error instanceof Error ? error.message : String(error));
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [check]);

  if (!check) return null;
  return (
    <section class="round-preview" aria-label={editor.preview} aria-live="polite">
      <h2>{editor.preview}</h2>
      {!check.ok ? (
        <p class="preview-waiting">
          {editor.whenComplete} <strong>{check.error}</strong>
        </p>
      ) : failed ? (
        <p class="field-error">{editor.engineFailed(failed)}</p>
      ) : preview ? (
        <PreviewBody preview={preview} />
      ) : (
        <p class="preview-waiting">{editor.working}</p>
      )}
    </section>
  );
}

function PreviewBody({ preview }: { preview: Preview }) {
  const { simulation: sim, race } = preview;
  return (
    <div class="preview-body" data-outcome={preview.outcome ?? undefined}>
      <p class="preview-headline">
        {preview.outcome && <OutcomeTag outcome={preview.outcome} />}
        <span class="preview-number">
          <MathText text={preview.headline} />
        </span>
      </p>
      <p class="preview-explanation">
        <MathText text={preview.explanation} />
      </p>
      {preview.warnings.length > 0 && (
        <ul class="warnings" aria-label={editor.warnings}>
          {preview.warnings.map((w) => (
            <li key={w.id} class="warning" data-warning={w.id}>
              <span aria-hidden="true" class="warning-mark">
                ⚠
              </span>{' '}
              <MathText text={w.text} />
            </li>
          ))}
        </ul>
      )}
      {preview.notes.length > 0 && (
        <ul class="notes">
          {preview.notes.map((n) => (
            <li key={n}>
              <MathText text={n} />
            </li>
          ))}
        </ul>
      )}
      {race && (
        <ol class="race-options">
          {race.alphas.map((a, i) => (
            <li key={a} class={i === race.race.winner ? 'race-option race-winner' : 'race-option'}>
              <OptionMark index={i} class="mark-small" />
              <span>α = {formatAlpha(a)}</span>
              <span>
                {finishText(race.race.iterations[i])} {editor.toThousandth}
                {i === race.race.winner && editor.fastestMark}
              </span>
              <OutcomeTag outcome={race.simulations[i]!.outcome} />
            </li>
          ))}
        </ol>
      )}
      <figure class="preview-figure">
        {preview.runLabel && <figcaption>{preview.runLabel}</figcaption>}
        {preview.runExplanation && (
          <p class="preview-explanation">
            <MathText text={preview.runExplanation} />
          </p>
        )}
        <Sized class="preview-plot">
          {(w, h, em, uid) => (
            <ScenarioPlot
              scenario={preview.scenario}
              steps={sim.steps}
              outcome={sim.outcome}
              width={w}
              height={h}
              em={em}
              uid={uid}
            />
          )}
        </Sized>
      </figure>
      {race && (
        <figure class="preview-figure">
          <figcaption>{editor.raceCaption}</figcaption>
          <Sized class="preview-plot preview-race">
            {(w, h, em, uid) => (
              <RacePlot
                distances={race.simulations.map((s) => s.distances)}
                iterations={race.race.iterations}
                winner={race.race.winner}
                shown={Number.POSITIVE_INFINITY}
                width={w}
                height={h}
                em={em}
                uid={uid}
              />
            )}
          </Sized>
        </figure>
      )}
    </div>
  );
}
