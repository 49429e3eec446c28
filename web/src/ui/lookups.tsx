import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState, type InputHTMLAttributes } from 'react';
import { api, documented } from '../api/client';
import { can, useSession } from '../api/session';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'list' | 'onChange'> & { readonly id: string };

const SUGGESTIONS = 20;

/**
 * An id box that suggests as one types: the units (or officials) whose name holds the words typed,
 * diacritics ignored ("gia tan" suggests "Xã Gia Tân"), from the directory lists. The value stays the
 * id, so the filter in the address is the API's; without the directory permission it is a plain box.
 */
function useLookup(kind: 'units' | 'officials', text: string) {
  const { data: session } = useSession();
  const words = useDeferredValue(text.trim());
  return useQuery({
    queryKey: ['lookup', kind, words],
    enabled: can(session, 'directory.read') && words.length >= 2,
    staleTime: 60_000,
    queryFn: async () => {
      if (kind === 'units')
        return (await documented(api.GET('/api/v1/units', { params: { query: { q: words, limit: SUGGESTIONS } } }))).body.items.map(
          (unit) => ({ id: unit.unitId, name: unit.name }),
        );
      return (await documented(api.GET('/api/v1/officials', { params: { query: { q: words, limit: SUGGESTIONS } } }))).body.items.map(
        (official) => ({ id: official.officialId, name: `${official.fullName} · ${official.position}` }),
      );
    },
  });
}

export function LookupInput({ kind, ...props }: InputProps & { readonly kind: 'units' | 'officials' }) {
  const [text, setText] = useState('');
  const suggestions = useLookup(kind, text);
  const listId = `${props.id}-suggestions`;
  return (
    <>
      <input {...props} list={listId} onChange={(event) => setText(event.currentTarget.value)} />
      <datalist id={listId}>
        {(suggestions.data ?? []).map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
