import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/api-error';
import { api, undocumented } from '../../api/client';
import type { CheckpointView, InclusionProofView, IntegrityStatusView } from '../../api/views';

/** The latest signed checkpoint, or null before the first is signed. */
export const latestCheckpointQuery = queryOptions({
  queryKey: ['integrity', 'checkpoint'],
  queryFn: async () => {
    try {
      return (await undocumented<CheckpointView>(api.GET('/api/v1/integrity/checkpoint'))).body;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INTEGRITY.NO_CHECKPOINT') return null;
      throw error;
    }
  },
});

export const integrityStatusQuery = queryOptions({
  queryKey: ['integrity', 'status'],
  queryFn: async () => (await undocumented<IntegrityStatusView>(api.GET('/api/v1/integrity/status'))).body,
});

export async function inclusionProof(eventId: string, treeSize?: number): Promise<InclusionProofView> {
  return (
    await undocumented<InclusionProofView>(api.GET('/api/v1/integrity/proofs/inclusion', { params: { query: { eventId, treeSize } } }))
  ).body;
}
