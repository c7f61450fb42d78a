/** What the once-shown signing secret is for, under it. */
export function SigningNote({ rotated = false }: { rotated?: boolean }) {
  return (
    <>
      {rotated ? 'The old secret keeps signing too for 24 hours. ' : ''}Copy it now: it is shown only once. Check each delivery&apos;s{' '}
      <code className="mono">Parley-Signature</code> with it (<code className="mono">verifyWebhookSignature</code>, see the README).
    </>
  );
}
