import { useEffect, useState } from 'react';

/** Search as the person types, once they pause. */
const SEARCH_DELAY_MS = 250;

/** A search box's text as typed, the query it settles into after a pause, and its setter. */
export function useSettledQuery(): [string, string, (text: string) => void] {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  return [typed, query, setTyped];
}
