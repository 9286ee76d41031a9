// The projector's language, chosen by the host (a control in the header, remembered in
// localStorage) and applied to the projector and the teacher's pages. Unlike the phone, which gets
// one build per language, the host page holds every language and copies the chosen one into the
// catalog objects every module reads (shared/i18n/en/…): a render after the copy is in that language.
import { signal } from '@preact/signals';
import { common as enCommon } from '../../shared/i18n/en/common';
import { deckRules as enDeckRules } from '../../shared/i18n/en/deck-rules';
import { editor as enEditor } from '../../shared/i18n/en/editor';
import { engine as enEngine } from '../../shared/i18n/en/engine';
import { projector as enProjector } from '../../shared/i18n/en/projector';
import { reports as enReports } from '../../shared/i18n/en/reports';
import { rules as enRules } from '../../shared/i18n/en/rules';
import { teacher as enTeacher } from '../../shared/i18n/en/teacher';
import { errorSentence } from '../../shared/i18n/errors';
import { common as frCommon } from '../../shared/i18n/fr/common';
import { deckRules as frDeckRules } from '../../shared/i18n/fr/deck-rules';
import { editor as frEditor } from '../../shared/i18n/fr/editor';
import { engine as frEngine } from '../../shared/i18n/fr/engine';
import { projector as frProjector } from '../../shared/i18n/fr/projector';
import { reports as frReports } from '../../shared/i18n/fr/reports';
import { rules as frRules } from '../../shared/i18n/fr/rules';
import { teacher as frTeacher } from '../../shared/i18n/fr/teacher';
import { isLanguage, type Language, pickLanguage, type Strings } from '../../shared/i18n/language';
import { type Rule, ruleFrom, ruleText } from '../../shared/i18n/rules';
import type { ErrorCode } from '../../shared/protocol/errors';
import { loadJson, saveJson } from '../ui/storage';

const LANGUAGE_KEY = 'overshoot:language';

/** Each catalog the host page reads, by language; English first, as the objects hold at load. */
const ENGLISH = {
  common: enCommon,
  engine: enEngine,
  projector: enProjector,
  teacher: enTeacher,
  editor: enEditor,
  reports: enReports,
};
type Catalogs = typeof ENGLISH;
type Translation = { [K in keyof Catalogs]: Strings<Catalogs[K]> };

/** A copy that keeps nested objects apart, so copying French in leaves English's own objects whole. */
function copyOf<T extends object>(source: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source))
    out[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? copyOf(value) : value;
  return out as T;
}

const CATALOGS: Record<Language, Translation> = {
  en: Object.fromEntries(
    Object.entries(ENGLISH).map(([name, c]) => [name, copyOf(c)]),
  ) as unknown as Translation,
  fr: {
    common: frCommon,
    engine: frEngine,
    projector: frProjector,
    teacher: frTeacher,
    editor: frEditor,
    reports: frReports,
  },
};

/** The English words as shipped, whatever the page shows now: to recognise a sentence the server wrote. */
export const english: Translation = CATALOGS.en;

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

/** Copies `lang`'s words into the catalog objects every module reads (also what unit tests switch). */
export function applyCatalogs(lang: Language): void {
  const chosen = CATALOGS[lang];
  for (const name of Object.keys(ENGLISH) as Array<keyof Catalogs>)
    copyInto(
      ENGLISH[name] as unknown as Record<string, unknown>,
      chosen[name] as unknown as Record<string, unknown>,
    );
}

export function setHostLanguage(lang: Language): void {
  applyCatalogs(lang);
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

/**
 * The rules of a scenario and a deck by language. Not copied into the English objects as the other
 * catalogs are: the engine writes its English sentences (the API's) from those objects on this page too.
 */
const RULES = {
  en: { scenario: enRules, deck: enDeckRules },
  fr: { scenario: frRules, deck: frDeckRules },
} satisfies Record<Language, { scenario: Strings<typeof enRules>; deck: Strings<typeof enDeckRules> }>;

/** A broken rule (shared/i18n/rules.ts) in the projector's language. */
export function ruleSentence(broken: Rule): string {
  const { scenario, deck } = RULES[hostLanguage.value];
  return ruleText(scenario, deck, broken);
}

/** "Round 2, cost.a: …." in the projector's language: a deck's first problem, where it is. */
export function roundRuleSentence(round: number, field: string, broken: Rule): string {
  return RULES[hostLanguage.value].deck.inRound({ round, field, rule: ruleSentence(broken) });
}

/** The rule a refusal of the API names (docs/api.md), if it is one this page knows. */
export const ruleOfProblem = (x: unknown): Rule | null => ruleFrom(x, enRules, enDeckRules);
