import type { Asset } from '../../core';
import { appSessionId, type Allocation, type SessionDefinition } from '../../shared/allocation';
import type { Operation, OperationContent, SessionWriteKind } from '../co-signing/operation';
import { signingRule } from '../co-signing/signers';
import { writtenAlone } from '../co-signing/written-alone';
import type { AppSession } from './app-session.model';
import { decimalsOf } from './sessions.selectors';

/** The parameters of a signed `create_app_session` request. */
export interface CreateParams {
  readonly definition: SessionDefinition;
  readonly allocations: readonly Allocation[];
  readonly session_data?: string;
}

function decimalsFor(assets: readonly Asset[], allocations: readonly Allocation[]) {
  return (asset: string) =>
    decimalsOf(
      asset,
      assets,
      allocations.map((allocation) => allocation.amount),
    );
}

/** A create handed over already signed, as the operation it is (its id: the node's session id). */
export function createOperation(
  key: string,
  params: CreateParams,
  label: string | null,
  wallet: string,
  assets: readonly Asset[],
  at: number,
): Operation {
  const content: OperationContent = {
    kind: 'create',
    sessionId: appSessionId(params.definition),
    baseVersion: 0,
    allocations: params.allocations,
    sessionData: params.session_data ?? null,
    definition: params.definition,
  };
  const rule = signingRule(content, params.definition, [], decimalsFor(assets, params.allocations));
  return writtenAlone({ id: key, content, signer: wallet, rule, label }, at);
}

/** An update or close of an open session, built on the version this app knows. */
export function sessionWriteOperation(
  key: string,
  kind: SessionWriteKind,
  session: AppSession,
  allocations: readonly Allocation[],
  sessionData: string | null,
  wallet: string,
  assets: readonly Asset[],
  at: number,
): Operation {
  const content: OperationContent = {
    kind,
    sessionId: session.id,
    baseVersion: session.version,
    allocations,
    sessionData,
    definition: null,
  };
  const rule = signingRule(
    content,
    session.definition,
    session.allocations ?? [],
    decimalsFor(assets, allocations),
  );
  return writtenAlone({ id: key, content, signer: wallet, rule, label: null }, at);
}
