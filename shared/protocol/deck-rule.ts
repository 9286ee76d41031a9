// A deck's refusal in English (the API's `message`), from the rule's id and parameters: a deck's
// rules and a scenario's, as a deck file can break either (shared/i18n/rules.ts).
import { deckRules } from '../i18n/en/deck-rules';
import { rules } from '../i18n/en/rules';
import { type Rule, ruleText } from '../i18n/rules';

export const englishDeckRule = (broken: Rule): string => ruleText(rules, deckRules, broken);
