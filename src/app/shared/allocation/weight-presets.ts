/** Ready-made weight schemes; `custom` leaves the numbers to the person. */
export type WeightPresetId = 'server-controlled' | 'equal-peers' | 'majority' | 'custom';

export interface WeightScheme {
  readonly weights: number[];
  readonly quorum: number;
}

export interface WeightPreset {
  readonly id: WeightPresetId;
  readonly label: string;
  readonly description: string;
}

export const WEIGHT_PRESETS: readonly WeightPreset[] = [
  {
    id: 'server-controlled',
    label: 'Server-controlled',
    description:
      'One participant (the server, last in the list) holds all the weight and decides alone.',
  },
  {
    id: 'equal-peers',
    label: 'Equal peers',
    description: 'Equal weights; every participant must sign.',
  },
  {
    id: 'majority',
    label: 'Majority',
    description: 'Equal weights; more than half of the weight must sign.',
  },
  { id: 'custom', label: 'Custom', description: 'Choose every weight and the quorum yourself.' },
];

/**
 * The weights and quorum of a preset for `count` participants: `[0,0,100]`/100, `[50,50]`/100,
 * `[33,33,34]`/51. Returns null for `custom`. The server is the last participant unless told.
 */
export function weightsForPreset(
  id: WeightPresetId,
  count: number,
  serverIndex = count - 1,
): WeightScheme | null {
  if (count <= 0) return { weights: [], quorum: 0 };
  switch (id) {
    case 'server-controlled':
      return {
        weights: Array.from({ length: count }, (_, index) => (index === serverIndex ? 100 : 0)),
        quorum: 100,
      };
    case 'equal-peers':
      return { weights: spreadHundred(count), quorum: 100 };
    case 'majority':
      return { weights: spreadHundred(count), quorum: 51 };
    case 'custom':
      return null;
  }
}

/** 100 divided among `count`, remainder on the last ones so that the weights add up to 100. */
function spreadHundred(count: number): number[] {
  const share = Math.floor(100 / count);
  const remainder = 100 - share * count;
  return Array.from({ length: count }, (_, index) => share + (index >= count - remainder ? 1 : 0));
}
