import { EmptyState } from '@parley/ui';

export default function InboxIndexPage() {
  return (
    <EmptyState icon="inbox" title="Select a conversation" testId="inbox-no-selection">
      Pick a conversation on the left to read its transcript. The list updates live as customers write in.
    </EmptyState>
  );
}
