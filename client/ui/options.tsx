// The options of a "which α is fastest?" round, as both apps mark them: a letter in its own shape
// and shade (circle, square, triangle, diamond), so an option is told apart by shape and letter
// alone, without colour.
export const OPTION_LETTERS = 'ABCD';

export function OptionMark({ index, class: extra = '' }: { index: number; class?: string }) {
  return <span class={`mark mark-${index} ${extra}`}>{OPTION_LETTERS[index]}</span>;
}
