// The engine's explanation in this page's language: the English catalog's import becomes the
// French one in the French player build, and the host page copies its language into it
// (client/ui/language.ts).
import type { Explanation } from '../../shared/engine/types';
import { engine } from '../../shared/i18n/en/engine';
import { explain } from '../../shared/i18n/explain';

export const explainText = (e: Explanation): string => explain(engine, e);
