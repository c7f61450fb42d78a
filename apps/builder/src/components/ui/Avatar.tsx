import { initials } from '@/lib/format';

/** Soft background + readable text, picked per person so the same teammate keeps one colour. */
const palette = [
  ['#e0e7ff', '#3730a3'],
  ['#dcfce7', '#166534'],
  ['#fef3c7', '#92400e'],
  ['#fce7f3', '#9d174d'],
  ['#e0f2fe', '#075985'],
  ['#ede9fe', '#5b21b6'],
  ['#ffedd5', '#9a3412'],
  ['#ccfbf1', '#115e59'],
] as const;

function colourFor(key: string) {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

/** A person's initials in a coloured circle. Decorative unless `label` is given. */
export function Avatar({ name, id, size = 22, label }: { name: string; id?: string; size?: number; label?: string }) {
  const [background, color] = colourFor(id ?? name);
  return (
    <span
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      title={name}
      style={{
        display: 'inline-grid',
        placeItems: 'center',
        width: size,
        height: size,
        borderRadius: '50%',
        background,
        color,
        fontSize: Math.round(size * 0.42),
        fontWeight: 650,
        letterSpacing: '0.02em',
        flex: 'none',
        lineHeight: 1,
      }}
    >
      {initials(name)}
    </span>
  );
}
