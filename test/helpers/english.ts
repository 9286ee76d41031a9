// The engine's explanations as the English catalog writes them: what the tests read.
import type { Explanation } from '../../shared/engine/types';
import { engine } from '../../shared/i18n/en/engine';
import { explain } from '../../shared/i18n/explain';

export const english = (e: Explanation): string => explain(engine, e);
