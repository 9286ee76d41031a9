// The host's choice of language for the projector and the teacher's pages (client/host/language.ts).
import { projector } from '../../../shared/i18n/en/projector';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../../shared/i18n/language';
import { hostLanguage, setHostLanguage } from '../language';

export function LanguagePicker() {
  return (
    <select
      class="language-picker"
      value={hostLanguage.value}
      aria-label={projector.language}
      onChange={(e) => {
        const lang = e.currentTarget.value;
        if (isLanguage(lang)) setHostLanguage(lang);
      }}
    >
      {LANGUAGES.map((lang) => (
        <option key={lang} value={lang} lang={lang}>
          {LANGUAGE_NAMES[lang]}
        </option>
      ))}
    </select>
  );
}
