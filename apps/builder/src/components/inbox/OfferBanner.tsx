'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Icon } from '@parley/ui';
import { errorCode, errorMessage } from '@/lib/errors';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import styles from './OfferBanner.module.css';

/** Offers are short-lived (the team's timeout, 30 s by default): without live updates, look often. */
const OFFERS_REFRESH_MS = 2000;

/** The signed-in agent's open offers (shared by the banner and the list's "Offered to you" badge). */
export function useMyOffers() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.routing.offers.queryOptions(), refetchInterval: useLiveRefetchInterval(OFFERS_REFRESH_MS) });
}

/**
 * "Offered to you": the team's queue chose this agent for the conversation. Accept takes it (the
 * conversation is assigned to them a moment later); Decline passes it to the next agent. Both are
 * answered by the server, which refuses an offer that has expired meanwhile.
 */
export function OfferBanner({ conversationId, onAnswered }: { conversationId: string; onAnswered: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const offers = useMyOffers();
  const now = useNow(1000);
  const [error, setError] = useState<string | null>(null);
  const settled = () => {
    void queryClient.invalidateQueries(trpc.routing.offers.pathFilter());
    onAnswered();
  };
  const failed = (err: unknown) => {
    setError(errorCode(err) === 'PRECONDITION_FAILED' ? 'This offer is no longer open: it expired or went to someone else.' : errorMessage(err));
    settled();
  };
  const accept = useMutation(trpc.routing.accept.mutationOptions({ onSuccess: settled, onError: failed }));
  const decline = useMutation(trpc.routing.decline.mutationOptions({ onSuccess: settled, onError: failed }));

  const offer = offers.data?.find((item) => item.conversationId === conversationId);
  if (error) {
    return (
      <p className={styles.gone} role="status">
        <Icon name="clock" size={14} />
        {error}
      </p>
    );
  }
  if (!offer) return null;
  const seconds = Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - now) / 1000));
  const busy = accept.isPending || decline.isPending;
  return (
    <div className={styles.banner} role="region" aria-label="Offer" data-testid="offer-banner">
      <Icon name="inbox" size={16} />
      <div className={styles.text}>
        <strong>Offered to you</strong>
        <span aria-live="polite">{seconds > 0 ? `${seconds} s left to accept` : 'Expiring…'}</span>
      </div>
      <div className={styles.actions}>
        <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={() => decline.mutate({ offerId: offer.id })}>
          Decline
        </button>
        <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => accept.mutate({ offerId: offer.id })} data-testid="offer-accept">
          Accept
        </button>
      </div>
    </div>
  );
}
