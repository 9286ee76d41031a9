// The words of a teacher's documents (deck titles, CSVs) in each language, as the API writes them
// (docs/api.md): the page asks with `?lang=`; English otherwise, as before, for other API clients.
import { MISCONCEPTIONS, type MisconceptionId } from '../../shared/engine/misconceptions';
import type { Outcome } from '../../shared/engine/types';
import { common as enCommon } from '../../shared/i18n/en/common';
import { documents as enDocuments } from '../../shared/i18n/en/documents';
import { common as frCommon } from '../../shared/i18n/fr/common';
import { documents as frDocuments } from '../../shared/i18n/fr/documents';
import { reports as frReports } from '../../shared/i18n/fr/reports';
import { isLanguage, type Language, type Strings } from '../../shared/i18n/language';
import type { Confidence } from '../../shared/protocol/confidence';
import { PEER_CHANGE_LABELS, type PeerChange } from '../../shared/protocol/report';

export interface DocumentWords extends Strings<typeof enDocuments> {
  outcomes: Record<Outcome, string>;
  confidence: Record<Confidence, string>;
  changes: Record<PeerChange, string>;
  idea(id: MisconceptionId): string;
}

export const DOCUMENT_WORDS: Record<Language, DocumentWords> = {
  en: {
    ...enDocuments,
    outcomes: enCommon.outcomes,
    confidence: enCommon.confidence,
    changes: PEER_CHANGE_LABELS,
    idea: (id) => MISCONCEPTIONS[id].name,
  },
  fr: {
    ...frDocuments,
    outcomes: frCommon.outcomes,
    confidence: frCommon.confidence,
    changes: frReports.peerChanges,
    idea: (id) => frReports.ideas[id].name,
  },
};

export const ENGLISH_WORDS = DOCUMENT_WORDS.en;

/** The language a request asks its documents in: `?lang=fr`; English when absent or unknown. */
export function documentLanguage(query: unknown): Language {
  const lang = (query as { lang?: unknown } | undefined)?.lang;
  return isLanguage(lang) ? lang : 'en';
}
