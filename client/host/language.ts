// The projector's language, chosen by the host (a control in the header, remembered in
// localStorage) and applied to the projector and the teacher's pages. Unlike the phone, which gets
// one build per language, the host page holds every language and copies the chosen one into the
// catalog objects every module reads (shared/i18n/en/…): a render after the copy is in that language.
import { signal } from '@preact/signals';
import { common as enCommon } from '../../shared/i18n/en/common';
import { engine as enEngine } from '../../shared/i18n/en/engine';
import { projector as enProjector } from '../../shared/i18n/en/projector';
import { errorSentence } from '../../shared/i18n/errors';
import { common as frCommon } from '../../shared/i18n/fr/common';
import { engine as frEngine } from '../../shared/i18n/fr/engine';
import { projector as frProjector } from '../../shared/i18n/fr/projector';
import { isLanguage, type Language, pickLanguage } from '../../shared/i18n/language';
import type { ErrorCode } from '../../shared/protocol/errors';
import { loadJson, saveJson } from '../ui/storage';

const LANGUAGE_KEY = 'overshoot:language';

/** Each catalog the host page reads, by language; English first, as the objects hold at load. */
type Catalogs = { common: typeof enCommon; engine: typeof enEngine; projector: typeof enProjector };

/** A copy that keeps nested objects apart, so copying French in leaves English's own objects whole. */
function copyOf<T extends object>(source: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source))
    out[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? copyOf(value) : value;
  return out as T;
}

const CATALOGS: Record<Language, Catalogs> = {
  en: { common: copyOf(enCommon), engine: copyOf(enEngine), projector: copyOf(enProjector) },
  fr: { common: frCommon, engine: frEngine, projector: frProjector },
};

/** Writes `source` into `target`, nested objects in place (OUTCOME_LABELS is common.outcomes itself). */
function copyInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const into = target[key];
    if (into !== null && typeof into === 'object' && !Array.isArray(into) && typeof value === 'object')
      copyInto(into as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}

/** The language the projector shows; read it to re-render when it changes. */
export const hostLanguage = signal<Language>('en');

export function setHostLanguage(lang: Language): void {
  const chosen = CATALOGS[lang];
  copyInto(
    enCommon as unknown as Record<string, unknown>,
    chosen.common as unknown as Record<string, unknown>,
  );
  copyInto(
    enEngine as unknown as Record<string, unknown>,
    chosen.engine as unknown as Record<string, unknown>,
  );
  copyInto(
    enProjector as unknown as Record<string, unknown>,
    chosen.projector as unknown as Record<string, unknown>,
  );
  document.documentElement.lang = lang;
  saveJson(LANGUAGE_KEY, lang);
  hostLanguage.value = lang;
}

/** At load: the host's last choice, else the browser's language. */
export function startHostLanguage(): void {
  setHostLanguage(loadJson(LANGUAGE_KEY, isLanguage) ?? pickLanguage(navigator.languages.join(',')));
}

/** A refusal in the projector's language: the catalog's sentence for its code (shared/i18n/errors.ts). */
export const errorText = (code: ErrorCode, message: string): string =>
  errorSentence(hostLanguage.value, code, message);
