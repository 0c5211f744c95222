import type { OperationView } from '../state/operation-view.model';

/** Still gathering approvals or signatures: answers, withdrawal and extension still count. */
export function isOpenView(view: OperationView): boolean {
  return view.status === 'proposed' || view.status === 'collecting';
}
