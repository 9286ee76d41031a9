// Les règles d’un scénario, en français (voir ../en/rules.ts). Les champs sont nommés comme
// l’éditeur les montre, pas par leur clé du fichier de série.
import type { rules as en, Named } from '../en/rules';
import type { Strings } from '../language';

/** Espace fine insécable, avant « : ; ! ? % ». */
const NB = '\u202F';

/** Un nombre écrit à la française : « 0,000001 », « 1 000 000 ». */
export const nombre = (x: number): string => x.toLocaleString('fr-FR', { maximumFractionDigits: 20 });

/** Chaque champ : son nom, et celui de chacun de ses nombres. */
const CHAMPS: Record<string, [string, string]> = {
  alpha: ['α', 'α'],
  alphas: ['les α proposés', 'chaque α proposé'],
  'cost.a': ['a', 'a'],
  'cost.b': ['b', 'b'],
  'cost.c': ['c', 'c'],
  'cost.eigenvalues': ['les valeurs propres', 'chaque valeur propre'],
  'cost.angle': ['l’angle', 'l’angle'],
  'cost.center': ['le centre', 'chaque coordonnée du centre'],
  'cost.x': ['x', 'chaque nombre de x'],
  'cost.y': ['y', 'chaque nombre de y'],
  'cost.kind': ['le type de coût', 'le type de coût'],
  cost: ['le coût', 'le coût'],
  start: ['le départ', 'chaque nombre du départ'],
  scenario: ['le scénario', 'le scénario'],
};

export const champ = ({ field, each }: Named): string => {
  const known = CHAMPS[field];
  if (known) return each ? known[1] : known[0];
  return each ? `chaque nombre de ${field}` : field;
};

const COUTS: Record<string, string> = {
  quadratic: 'une parabole',
  quartic: 'une quartique',
  bowl: 'une cuvette',
  linreg: 'une régression linéaire',
};

export const rules: Strings<typeof en> = {
  finite: (p) => `${champ(p)} doit être un nombre fini`,
  between: (p) => `${champ(p)} doit être compris entre −${nombre(p.max)} et ${nombre(p.max)}`,
  positive: (p) => `${champ(p)} doit être un nombre supérieur à 0`,
  atLeast: (p) => `${champ(p)} doit valoir au moins ${nombre(p.min)}`,
  atMost: (p) => `${champ(p)} doit valoir au plus ${nombre(p.max)}`,
  pairList: (p) => `${champ(p)} doit être une liste de 2 nombres`,
  pairLength: (p) => `${champ(p)} doit contenir 2 nombres`,
  points: (p) => `${champ(p)} doit être une liste de ${nombre(p.min)} à ${nombre(p.max)} nombres`,
  numbers: (p) => `${champ(p)} doit être une liste de nombres`,
  angle: (p) => `l’angle doit être compris entre −${nombre(p.max)} et ${nombre(p.max)} degrés`,
  sameLength: () => 'y doit avoir autant de nombres que x',
  spread: () => 'x doit contenir au moins deux valeurs différentes',
  start: () => 'le départ doit être une liste de 1 ou 2 nombres',
  dimension: (p) =>
    `le départ doit avoir ${p.count} nombre${p.count === 1 ? '' : 's'} pour ${COUTS[p.kind] ?? p.kind}`,
  kindMissing: (p) => `le type de coût manque${NB}: choisissez parmi ${p.kinds}`,
  kind: (p) => `le type de coût doit être l’un de ${p.kinds}`,
  object: (p) => `${champ(p)} doit être un objet`,
  missing: (p) => `${champ(p)} manque`,
  invalid: () => 'le scénario n’est pas valide',
};
