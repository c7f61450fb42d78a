import Link from 'next/link';
import { EmptyState } from '@parley/ui';

export default function NotFound() {
  return (
    <EmptyState
      icon="alert-circle"
      title="Page not found"
      action={
        <Link href="/flows" className="btn">
          Go to flows
        </Link>
      }
    >
      There is nothing at this address.
    </EmptyState>
  );
}
