/**
 * A labelled drop-down of a few values, on one line with its label. The value handed back is the
 * option itself, not the select's text, so a number stays a number.
 */
export function InlineSelect<T extends string | number>({
  id,
  label,
  value,
  options,
  optionLabel = String,
  onChange,
}: {
  id: string;
  label: string;
  value: T;
  options: readonly T[];
  optionLabel?: (option: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <span class="inline">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const picked = options.find((o) => String(o) === e.currentTarget.value);
          if (picked !== undefined) onChange(picked);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </span>
  );
}
