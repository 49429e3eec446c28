import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { errorSentence } from './error-messages';
import { fieldMessage } from './field-messages';
import { en } from './messages.en';
import { vi, type Messages } from './messages.vi';

export type Language = 'vi' | 'en';
const STORAGE_KEY = 'ledger.language';
const MESSAGES: Record<Language, Messages> = { vi, en };

interface I18n {
  readonly language: Language;
  readonly m: Messages;
  readonly setLanguage: (language: Language) => void;
  /** An error as a sentence in the current language. */
  readonly describe: (error: unknown) => string;
  readonly field: (serverMessage: string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function storedLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Vietnamese unless the person chose English, which is remembered in this browser. */
export function I18nProvider({ children, initial }: { readonly children: ReactNode; readonly initial?: Language }) {
  const [language, setState] = useState<Language>(initial ?? storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = MESSAGES[language].app.title;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    setState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // a private window may refuse storage: the choice then lasts for the page only
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const m = MESSAGES[language];
    return {
      language,
      m,
      setLanguage,
      describe: (error) => describeError(error, language, m),
      field: (message) => fieldMessage(m, message),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function describeError(error: unknown, language: Language, m: Messages): string {
  if (error instanceof ApiError) return errorSentence(error.code, error.status, language) ?? m.errors.unknownCode(error.code);
  return m.errors.unknownCode('CLIENT');
}
