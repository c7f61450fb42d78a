#!/bin/sh
# One-shot job (temporalio/admin-tools image): waits until the Temporal frontend answers, then
# registers the namespace Parley uses if it does not exist yet. Idempotent.
# Reads: TEMPORAL_ADDRESS (also read by the `temporal` CLI itself), TEMPORAL_NAMESPACE,
# TEMPORAL_NAMESPACE_RETENTION (a Go duration such as 720h; applies to closed workflows only).
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"

attempt=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "Temporal at $TEMPORAL_ADDRESS is not SERVING after $attempt attempts" >&2
    exit 1
  fi
  echo "waiting for Temporal at $TEMPORAL_ADDRESS ($attempt)"
  sleep 2
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace '$NAMESPACE' already exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" \
    --namespace "$NAMESPACE" --retention "$RETENTION"
  echo "namespace '$NAMESPACE' created (retention $RETENTION)"
fi
