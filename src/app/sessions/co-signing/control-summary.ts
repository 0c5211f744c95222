import type { SessionDefinition } from '../../shared/allocation';
import { sameAddress, shortAddress } from '../../shared/money/address';

/**
 * Who can move a session's funds without whom, in plain words, for before anyone approves or puts
 * money in. The node and the quorum decide: an app session is not a trustless escrow.
 */
export function controlSummary(definition: SessionDefinition, me: string | null): string[] {
  const { participants, weights, quorum } = definition;
  const name = (wallet: string) => (me && sameAddress(wallet, me) ? 'You' : shortAddress(wallet));
  const total = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0);
  if (quorum <= 0)
    return [
      'The quorum is 0: anyone signed in can update or close this session and pay everything to anyone.',
    ];
  if (quorum > total)
    return [
      `No one can update or close it: the quorum (${quorum}) is more than all the weights together (${total}).`,
    ];
  const lines: string[] = [];
  const alone = participants.filter((_, index) => (weights[index] ?? 0) >= quorum);
  for (const wallet of alone)
    lines.push(
      `${name(wallet)} alone ${name(wallet) === 'You' ? 'reach' : 'reaches'} the quorum: ${name(wallet) === 'You' ? 'you' : 'they'} can update or close the session and pay everything to anyone.`,
    );
  if (alone.length === 0) {
    const sorted = [...weights].map((w) => Math.max(0, w)).sort((a, b) => b - a);
    let sum = 0;
    let fewest = 0;
    while (sum < quorum) sum += sorted[fewest++];
    lines.push(
      quorum === total && participants.length > 1
        ? 'Every participant with weight must approve each update and the close.'
        : `No one decides alone: it takes at least ${fewest} participants whose weights add up to ${quorum} of ${total}, and those who do can pay everything to anyone.`,
    );
  }
  participants.forEach((wallet, index) => {
    if ((weights[index] ?? 0) <= 0)
      lines.push(
        `${name(wallet)} ${name(wallet) === 'You' ? 'have' : 'has'} no weight: ${name(wallet) === 'You' ? 'your' : 'their'} approval is not needed and does not count.`,
      );
  });
  return lines;
}
